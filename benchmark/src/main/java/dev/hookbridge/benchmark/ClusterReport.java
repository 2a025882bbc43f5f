package dev.hookbridge.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cluster mode's figures: per phase, inbound, the CPU each process spends per webhook, outbound
 * and PostgreSQL's lock waits, then the phases side by side; printed as Markdown tables as they come
 * in and written to cluster.md and cluster.json (rendered by {@link Report}'s helpers).
 */
final class ClusterReport {

    /** The processes in the order the tables show them; a process a phase does not run shows as "–". */
    private static final List<String> PROCESSES = List.of(ClusterProcesses.FIRST_NODE, ClusterProcesses.SECOND_NODE,
            ClusterProcesses.POSTGRESQL, ClusterProcesses.PRIMARY_BROKER, ClusterProcesses.BACKUP_BROKER, ClusterProcesses.BALANCER,
            ClusterProcesses.BENCHMARK_JVM);

    private final Report report = new Report();
    private final JsonArrayBuilder phases = Json.createArrayBuilder();

    void machine(Machine machine) {
        report.machine(machine);
    }

    void phase(ClusterPhase phase) {
        String title = phase.nodes() + (phase.nodes() == 1 ? " node" : " nodes");
        List<List<String>> inboundRows = new ArrayList<>();
        List<List<String>> costRows = new ArrayList<>();
        List<List<String>> lockRows = new ArrayList<>();
        JsonObjectBuilder inboundJson = Json.createObjectBuilder();
        for (ClusterInbound in : phase.inbound()) {
            InboundWindow w = in.window();
            LoadResult accepted = w.accepted();
            Map<String, Double> cpu = w.cost().cpuMillisByProcess();
            inboundRows.add(Report.row(w.clients(), accepted.perSecond(), w.processedPerSecond(), w.sustainedPerSecond(),
                    accepted.millis(50), accepted.millis(99), accepted.errors(), FailedRequests.describe(in.failedByStatus()),
                    in.nodesTakenOut(),
                    w.backlogAtStart() + " → " + w.backlogAtEnd(), shares(in.byNode(), NodeCounters::accepted),
                    shares(in.byNode(), NodeCounters::processed), in.countersReadSeconds()));
            List<Object> cost = new ArrayList<>(List.of(w.clients()));
            PROCESSES.forEach(p -> cost.add(cell(cpu.get(p))));
            cost.add(stackTotal(cpu));
            cost.add(w.cost().databaseCommits());
            cost.add(w.cost().jtaCommits());
            costRows.add(Report.row(cost.toArray()));
            lockRows.add(lockRow("inbound, " + w.clients() + " clients", in.locks()));
            inboundJson.add(w.clients() + " clients", Report.figures(accepted)
                    .add("processedPerSecondInWindow", Report.round(w.processedPerSecond()))
                    .add("sustainedPerSecond", Report.round(w.sustainedPerSecond()))
                    .add("backlogAtWindowStart", w.backlogAtStart())
                    .add("backlogAtWindowEnd", w.backlogAtEnd())
                    .add("drained", w.drained())
                    .add("databaseCommitsPerAcceptedWebhook", Report.round(w.cost().databaseCommits()))
                    .add("jtaCommitsPerAcceptedWebhook", Report.round(w.cost().jtaCommits()))
                    .add("cpuMillisPerAcceptedWebhook", millis(cpu))
                    .add("stackCpuMillisPerAcceptedWebhook", Report.round(stackTotal(cpu)))
                    .add("byNode", byNode(in.byNode()))
                    .add("answersOtherThan200WarmUpIncluded", statuses(in.failedByStatus()))
                    .add("nodeMetricsReadSeconds", Report.round(in.countersReadSeconds()))
                    .add("nodesTakenOutByTheBalancer", in.nodesTakenOut())
                    .add("lockWaits", locks(in.locks())));
        }
        ClusterOutbound out = phase.outbound();
        lockRows.add(lockRow("outbound burst", out.locks()));
        List<Object> outCost = new ArrayList<>(List.of(out.deliveries()));
        PROCESSES.forEach(p -> outCost.add(cell(out.cpuMillisPerDelivery().get(p))));
        outCost.add(stackTotal(out.cpuMillisPerDelivery()));
        outCost.add(out.burst().databaseCommitsPerDelivery());

        List<Object> idle = new ArrayList<>(List.of("no load"));
        PROCESSES.forEach(p -> idle.add(cell(phase.idleCpuMillisPerSecond().get(p))));
        idle.add(stackTotal(phase.idleCpuMillisPerSecond()));
        List<String> idleHeader = new ArrayList<>(List.of("load"));
        PROCESSES.forEach(p -> idleHeader.add(p + " CPU ms/s"));
        idleHeader.add("stack total CPU ms/s");
        report.table("Cluster, " + title + ": CPU ms per second of each process with no load (before the windows)", idleHeader,
                List.of(Report.row(idle.toArray())));
        report.table("Cluster, " + title + ": inbound through the balancer (signed standard webhooks, 1 KiB, closed loop, processing running)",
                List.of("clients", "accepted/s", "processed/s (same window)", "sustained/s", "p50 ms", "p99 ms", "errors",
                        "answers other than 200 (warm-up included)", "nodes taken out by the balancer", "backlog (RECEIVED) window start → end", "accepted by node (own metrics)",
                        "processed by node (own metrics)", "node metrics read in s"),
                inboundRows);
        report.table("Cluster, " + title + ": CPU ms of each process per accepted webhook, intake and processing together",
                costHeader("clients", "PostgreSQL transactions", Report.JTA_COMMITS_HEADER), costRows);
        report.table("Cluster, " + title + ": outbound burst, deliveries made due at once",
                List.of("deliveries", "deliveries/s", "arrivals/s at the receiver", "delivered by node (own metrics)",
                        "nodes taken out by the balancer"),
                List.of(Report.row(out.deliveries(), out.burst().deliveriesPerSecond(), out.burst().arrivalsPerSecond(),
                        shares(out.byNode(), NodeCounters::delivered), out.nodesTakenOut())));
        report.table("Cluster, " + title + ": CPU ms of each process per delivery", costHeader("deliveries", "PostgreSQL transactions"),
                List.of(Report.row(outCost.toArray())));
        report.table("Cluster, " + title + ": PostgreSQL lock waits, sampled during each window",
                List.of("window", "samples", "samples with a lock wait", "most backends waiting at once", "most locks not granted at once",
                        "waited for (samples that saw it)"), lockRows);

        phases.add(Json.createObjectBuilder()
                .add("nodes", phase.nodes())
                .add("idleCpuMillisPerSecond", millis(phase.idleCpuMillisPerSecond()))
                .add("inbound", inboundJson)
                .add("outbound", Json.createObjectBuilder()
                        .add("deliveries", out.deliveries())
                        .add("deliveriesPerSecond", Report.round(out.burst().deliveriesPerSecond()))
                        .add("arrivalsPerSecond", Report.round(out.burst().arrivalsPerSecond()))
                        .add("databaseCommitsPerDelivery", Report.round(out.burst().databaseCommitsPerDelivery()))
                        .add("cpuMillisPerDelivery", millis(out.cpuMillisPerDelivery()))
                        .add("stackCpuMillisPerDelivery", Report.round(stackTotal(out.cpuMillisPerDelivery())))
                        .add("byNode", byNode(out.byNode()))
                        .add("nodesTakenOutByTheBalancer", out.nodesTakenOut())
                        .add("lockWaits", locks(out.locks()))));
    }

    /** The phases side by side: rates, and what the stack spends per event with each node count. */
    void comparison(ClusterPhase two, ClusterPhase one) {
        List<List<String>> rows = new ArrayList<>();
        JsonObjectBuilder json = Json.createObjectBuilder();
        double idleA = stackTotal(two.idleCpuMillisPerSecond());
        double idleB = stackTotal(one.idleCpuMillisPerSecond());
        rows.add(Report.row("stack CPU ms per second with no load", idleA, idleB, ratio(idleA, idleB)));
        json.add("stackIdleCpuMillisPerSecond", pair(idleA, idleB));
        for (int i = 0; i < Math.min(two.inbound().size(), one.inbound().size()); i++) {
            InboundWindow a = two.inbound().get(i).window();
            InboundWindow b = one.inbound().get(i).window();
            double cpuA = stackTotal(a.cost().cpuMillisByProcess());
            double cpuB = stackTotal(b.cost().cpuMillisByProcess());
            rows.add(Report.row("inbound sustained/s, " + a.clients() + " clients", a.sustainedPerSecond(), b.sustainedPerSecond(),
                    ratio(a.sustainedPerSecond(), b.sustainedPerSecond())));
            rows.add(Report.row("inbound p99 ms, " + a.clients() + " clients", a.accepted().millis(99), b.accepted().millis(99),
                    ratio(a.accepted().millis(99), b.accepted().millis(99))));
            rows.add(Report.row("stack CPU ms per webhook, " + a.clients() + " clients", cpuA, cpuB, ratio(cpuA, cpuB)));
            json.add("inbound " + a.clients() + " clients", Json.createObjectBuilder()
                    .add("sustainedPerSecond", pair(a.sustainedPerSecond(), b.sustainedPerSecond()))
                    .add("p99Ms", pair(a.accepted().millis(99), b.accepted().millis(99)))
                    .add("stackCpuMillisPerAcceptedWebhook", pair(cpuA, cpuB)));
        }
        double outA = two.outbound().burst().deliveriesPerSecond();
        double outB = one.outbound().burst().deliveriesPerSecond();
        double cpuA = stackTotal(two.outbound().cpuMillisPerDelivery());
        double cpuB = stackTotal(one.outbound().cpuMillisPerDelivery());
        rows.add(Report.row("outbound deliveries/s", outA, outB, ratio(outA, outB)));
        rows.add(Report.row("stack CPU ms per delivery", cpuA, cpuB, ratio(cpuA, cpuB)));
        json.add("outbound", Json.createObjectBuilder()
                .add("deliveriesPerSecond", pair(outA, outB))
                .add("stackCpuMillisPerDelivery", pair(cpuA, cpuB)));
        report.table("Cluster: 2 nodes against 1 node, same load, same run (stack CPU: every process but the benchmark JVM)",
                List.of("figure", "2 nodes", "1 node", "2 nodes ÷ 1 node"), rows);
        report.put("phases", Json.createObjectBuilder().add("list", phases));
        report.put("twoNodesAgainstOne", json);
    }

    void write(Path json, Path markdown) {
        report.write(json, markdown);
    }

    /** CPU ms per event of every process but the benchmark's own JVM, which is the load and the receiver, not the gateway. */
    static double stackTotal(Map<String, Double> cpuMillis) {
        return cpuMillis.entrySet().stream().filter(e -> !e.getKey().equals(ClusterProcesses.BENCHMARK_JVM))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** Each node's count and share of the window's total, "node 1 1,234 (51 %) · node 2 ...". */
    static String shares(Map<String, NodeCounters> byNode, java.util.function.ToDoubleFunction<NodeCounters> figure) {
        double total = byNode.values().stream().mapToDouble(figure).sum();
        return byNode.entrySet().stream()
                .map(e -> e.getKey().replace(" WildFly", "") + " " + Report.format(figure.applyAsDouble(e.getValue()))
                        + (total > 0 ? " (" + Math.round(100 * figure.applyAsDouble(e.getValue()) / total) + " %)" : ""))
                .collect(Collectors.joining(" · "));
    }

    private static List<String> costHeader(String first, String... last) {
        List<String> header = new ArrayList<>(List.of(first));
        PROCESSES.forEach(p -> header.add(p + " CPU ms"));
        header.add("stack total CPU ms");
        header.addAll(List.of(last));
        return header;
    }

    private static List<String> lockRow(String window, LockWaits locks) {
        String what = locks.waitedFor().entrySet().stream().limit(3)
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; "));
        return Report.row(window, locks.samples(), locks.samplesWithWait(), locks.maxWaitingBackends(), locks.maxNotGrantedLocks(),
                what.isEmpty() ? "nothing" : what);
    }

    private static Object cell(Double millis) {
        return millis == null ? "–" : millis;
    }

    private static String ratio(double a, double b) {
        return b == 0 ? "–" : String.format("%.2f", a / b);
    }

    private static JsonObjectBuilder pair(double twoNodes, double oneNode) {
        return Json.createObjectBuilder().add("twoNodes", Report.round(twoNodes)).add("oneNode", Report.round(oneNode));
    }

    private static JsonObjectBuilder millis(Map<String, Double> cpu) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        cpu.forEach((process, ms) -> json.add(process, Report.round(ms)));
        return json;
    }

    private static JsonObjectBuilder byNode(Map<String, NodeCounters> byNode) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        byNode.forEach((node, c) -> json.add(node, Json.createObjectBuilder()
                .add("accepted", c.accepted()).add("processed", c.processed()).add("delivered", c.delivered())));
        return json;
    }

    private static JsonObjectBuilder statuses(Map<String, Long> counts) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        counts.forEach(json::add);
        return json;
    }

    private static JsonObjectBuilder locks(LockWaits locks) {
        JsonObjectBuilder waited = Json.createObjectBuilder();
        locks.waitedFor().forEach(waited::add);
        return Json.createObjectBuilder()
                .add("samples", locks.samples())
                .add("samplesWithLockWait", locks.samplesWithWait())
                .add("maxWaitingBackends", locks.maxWaitingBackends())
                .add("maxNotGrantedLocks", locks.maxNotGrantedLocks())
                .add("waitedFor", waited);
    }
}
