package dev.hookbridge.benchmark;

import dev.hookbridge.stack.LoadBalancer;
import dev.hookbridge.stack.Ports;
import dev.hookbridge.stack.Stack;
import dev.hookbridge.stack.StackLayout;
import dev.hookbridge.stack.WildFlyServer;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.TestPorts;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's cluster mode ({@code mvn -Pbenchmark verify -Dbenchmark.cluster}, docs/benchmark.md
 * "Cluster mode"): two WildFly nodes on the Artemis pair behind the load balancer, with durable
 * storage, on the benchmark's ports. The same load runs twice through the balancer, first with both
 * nodes, then with the second node stopped gracefully (as for a rolling restart), so both phases share
 * one stack, one database and one warm first node. Each phase gives inbound and outbound rates, the CPU
 * of every process per webhook and per delivery, each node's share from its own metrics, and
 * PostgreSQL's lock waits sampled during each window. On a machine with few cores a second node adds
 * no speed; what it can show is what a node costs by being there, how the cost per event moves with the
 * node count, and whether anything waits on a lock.
 * Writes target/cluster.json and target/cluster.md.
 */
public final class ClusterBenchmark {

    private static final int WARM_UP_DELIVERIES = 1000;

    private final ClusterPlan plan;
    private final Stack stack;
    private final Path output;
    private final ClusterReport report = new ClusterReport();
    private final Receiver receiver = Receiver.startForLoad();
    private final GatewayClient gateway;
    private final Database db;
    private final BalancerLog balancerLog;
    private final ExecutorService scrapers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "metrics-scrape");
        thread.setDaemon(true);
        return thread;
    });
    private String endpointId;

    /** A node of the cluster by the name its figures carry, and its own metrics. */
    private record Node(String name, WildFlyServer server, NodeMetrics metrics) {
    }

    /**
     * What is read when a window opens and when it closes: first what the rates and costs come from
     * (CPU, the database's counts, the balancer's log), then each node's counters, whose scrape can
     * take a while on a busy node ({@code countersSeconds}).
     */
    private record Edge(Map<String, Double> cpu, long backlog, long processed, long commits, long balancerLog,
                        Map<String, NodeCounters> counters, double countersSeconds) {
    }

    private ClusterBenchmark(ClusterPlan plan, Stack stack, Path output) {
        this.plan = plan;
        this.stack = stack;
        this.output = output;
        this.gateway = new GatewayClient(stack.balancer().map(LoadBalancer::baseUrl).orElseThrow());
        this.db = new Database(stack.postgres().jdbcUrl());
        this.balancerLog = new BalancerLog(stack.balancer().map(LoadBalancer::logFile).orElseThrow());
    }

    public static void main(String[] args) {
        ClusterPlan plan = ClusterPlan.fromSystemProperties();
        Path output = Path.of(System.getProperty("benchmark.output", "target"));
        StackLayout layout = StackLayout.fromSystemProperties();
        layout.emptyWork();
        Ports ports = TestPorts.offsetBy(Benchmark.PORT_OFFSET);
        System.out.printf("%nHookbridge cluster benchmark (%s): starting two nodes on a broker pair behind the balancer (durable), "
                + "balancer on port %d ...%n", plan.quick() ? "quick" : "full", 8000 + ports.wildflyOffset());
        long started = System.nanoTime();
        Stack stack = Stack.startCluster(layout, ports, true, Map.of("hookbridge.delivery.allow-private-networks", "true",
                NodeMetrics.STATISTICS_SETTING, "true"));
        try (stack) {
            System.out.printf("Cluster up in %d s.%n", (System.nanoTime() - started) / 1_000_000_000L);
            new ClusterBenchmark(plan, stack, output).run();
        }
        System.out.printf("Cluster benchmark done in %d s; the stack is stopped.%n", (System.nanoTime() - started) / 1_000_000_000L);
    }

    private void run() {
        try (receiver) {
            setUp();
            Node first = new Node(ClusterProcesses.FIRST_NODE, stack.wildfly(), new NodeMetrics(stack.wildfly().managementUrl(), endpointId));
            WildFlyServer secondServer = stack.otherNodes().get(0);
            Node second = new Node(ClusterProcesses.SECOND_NODE, secondServer, new NodeMetrics(secondServer.managementUrl(), endpointId));
            warmUp();
            List<ClusterPhase> phases = new ArrayList<>();
            phases.add(measurePhase(List.of(first, second)));

            System.out.printf("%nStopping node 2 gracefully ...%n");
            stack.balancer().orElseThrow().drain(secondServer.ports());
            secondServer.stopGracefully(Duration.ofSeconds(30));
            Load.closed("phase warm-up", 16, Duration.ZERO, plan.phaseWarmup(), seq -> gateway.call(gateway.webhook("warm1-" + seq)));
            db.awaitNoBacklog(Duration.ofMinutes(3));
            phases.add(measurePhase(List.of(first)));

            report.comparison(phases.get(0), phases.get(1));
        } finally {
            report.write(output.resolve("cluster.json"), output.resolve("cluster.md"));
            System.out.printf("%nFigures written to %s and %s%n", output.resolve("cluster.json"), output.resolve("cluster.md"));
        }
    }

    private void setUp() {
        report.machine(Machine.now("cluster " + (plan.quick() ? "quick" : "full"),
                "PostgreSQL fsync on, synchronous_commit on; Artemis persistent messages, replicated to the backup; XA two-phase commit"));
        gateway.createSource();
        endpointId = gateway.createEndpoint(receiver.url(), "bench.*");
    }

    /** Both nodes' inbound and outbound paths run unmeasured first, so the first phase does not time their start-up. */
    private void warmUp() {
        System.out.printf("Warming up for %d s ...%n", plan.globalWarmup().toSeconds());
        Load.closed("warm-up inbound", 16, Duration.ZERO, plan.globalWarmup(), seq -> gateway.call(gateway.webhook("warm-" + seq)));
        db.awaitNoBacklog(Duration.ofMinutes(3));
        OutboundBurstMeasurement.run(db, receiver, endpointId, "warm-out", WARM_UP_DELIVERIES, OutboundBurstMeasurement.Window.NONE);
    }

    private ClusterPhase measurePhase(List<Node> nodes) {
        System.out.printf("%nMeasuring with %d node(s) behind the balancer ...%n", nodes.size());
        ClusterProcesses processes = ClusterProcesses.find(wanted(nodes), stack.postgres().directory());
        Map<String, Double> idle = idleCpu(processes);
        List<ClusterInbound> inbound = new ArrayList<>();
        for (int clients : plan.inboundClients()) {
            inbound.add(inboundWindow(nodes.size(), clients, nodes, processes));
        }
        ClusterPhase phase = new ClusterPhase(nodes.size(), idle, inbound, outbound(nodes, processes));
        report.phase(phase);
        return phase;
    }

    /** CPU ms per second of each process while nothing is sent and nothing is due. */
    private Map<String, Double> idleCpu(ClusterProcesses processes) {
        db.awaitNoBacklog(Duration.ofMinutes(3));
        Map<String, Double> before = processes.cpuSeconds();
        long start = System.nanoTime();
        Database.sleep(plan.idle().toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> perSecond = new LinkedHashMap<>();
        StackProcesses.minus(processes.cpuSeconds(), before).forEach((process, used) -> perSecond.put(process, 1000 * used / seconds));
        return perSecond;
    }

    private List<ClusterProcesses.Wanted> wanted(List<Node> nodes) {
        List<ClusterProcesses.Wanted> wanted = new ArrayList<>();
        // A node's base folder is the parent of its log folder.
        nodes.forEach(n -> wanted.add(ClusterProcesses.Wanted.wildFly(n.name(), n.server().logFile().getParent().getParent())));
        wanted.add(ClusterProcesses.Wanted.artemis(ClusterProcesses.PRIMARY_BROKER, stack.broker().port()));
        wanted.add(ClusterProcesses.Wanted.artemis(ClusterProcesses.BACKUP_BROKER, stack.backupBroker().orElseThrow().port()));
        wanted.add(ClusterProcesses.Wanted.mainClass(ClusterProcesses.BALANCER, "dev.hookbridge.stack.LoadBalancerMain"));
        return wanted;
    }

    // ---- Inbound ------------------------------------------------------------------------------

    private ClusterInbound inboundWindow(int nodeCount, int clients, List<Node> nodes, ClusterProcesses processes) {
        String prefix = "c" + nodeCount + "-in" + clients + "-";
        // A thread for each reading, so a slow scrape at the window's start does not delay the lock sampling.
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(3);
        long opens = plan.warmup().toMillis();
        long closes = plan.warmup().plus(plan.measure()).toMillis();
        ScheduledFuture<LockSampler> sampling = null;
        try {
            sampling = timer.schedule(() -> LockSampler.start(db, plan.lockSampleEvery()),
                    opens, TimeUnit.MILLISECONDS);
            ScheduledFuture<Edge> atStart = timer.schedule(() -> edge(nodes, processes), opens, TimeUnit.MILLISECONDS);
            ScheduledFuture<LockSampler> started = sampling;
            ScheduledFuture<LockWaits> locks = timer.schedule(() -> started.get().stop(), closes, TimeUnit.MILLISECONDS);
            ScheduledFuture<Edge> atEnd = timer.schedule(() -> edge(nodes, processes), closes, TimeUnit.MILLISECONDS);
            FailedRequests failed = new FailedRequests();
            LoadResult result = Load.closed("inbound", clients, plan.warmup(), plan.measure(), seq -> {
                try {
                    HttpResponse<String> answer = gateway.answer(gateway.webhook(prefix + seq));
                    failed.answer(answer.statusCode(), !answer.body().isEmpty());
                    return answer.statusCode() == 200;
                } catch (IOException e) {
                    failed.noAnswer();
                    return false;
                }
            });
            Edge start = atStart.get();
            Edge end = atEnd.get();
            long accepted = Math.max(1, result.count());
            Map<String, Double> cpuMillisPerWebhook = new LinkedHashMap<>();
            StackProcesses.minus(end.cpu(), start.cpu()).forEach((process, seconds) -> cpuMillisPerWebhook.put(process, 1000 * seconds / accepted));
            Map<String, NodeCounters> byNode = byNode(start, end);
            double jtaCommits = byNode.values().stream().mapToDouble(NodeCounters::transactions).sum();
            WebhookCost cost = new WebhookCost(cpuMillisPerWebhook, (double) (end.commits() - start.commits()) / accepted,
                    jtaCommits / accepted);
            double processedPerSecond = (end.processed() - start.processed()) / result.seconds();
            int takenOut = balancerLog.takenOutSince(start.balancerLog());
            long drainStart = System.nanoTime();
            boolean drained = db.awaitNoBacklog(Duration.ofMinutes(3));
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            InboundWindow window = new InboundWindow(clients, result, processedPerSecond, start.backlog(), end.backlog(), drainSeconds,
                    drained, cost);
            return new ClusterInbound(window, failed.counts(), byNode,
                    Math.max(start.countersSeconds(), end.countersSeconds()), locks.get(), takenOut);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            timer.shutdownNow();
            closeIfStarted(sampling);
        }
    }

    /** A window that failed before its end leaves its sampler running: its thread and connection are ended here. */
    private static void closeIfStarted(ScheduledFuture<LockSampler> sampling) {
        if (sampling == null || !sampling.isDone() || sampling.isCancelled()) {
            return;
        }
        try {
            sampling.get().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // It never started: nothing to end.
        }
    }

    private Edge edge(List<Node> nodes, ClusterProcesses processes) {
        Map<String, Double> cpu = processes.cpuSeconds();
        long backlog = db.inboxBacklog();
        long processed = db.inboxProcessed();
        long commits = db.commits();
        long balancerPosition = balancerLog.position();
        long scrapeStart = System.nanoTime();
        Map<String, NodeCounters> counters = counters(nodes);
        return new Edge(cpu, backlog, processed, commits, balancerPosition, counters, (System.nanoTime() - scrapeStart) / 1e9);
    }

    /** The same readings with the nodes' counters first: for a window that opens only once they are read. */
    private Edge edgeCountersFirst(List<Node> nodes, ClusterProcesses processes) {
        long scrapeStart = System.nanoTime();
        Map<String, NodeCounters> counters = counters(nodes);
        double scrapeSeconds = (System.nanoTime() - scrapeStart) / 1e9;
        return new Edge(processes.cpuSeconds(), db.inboxBacklog(), db.inboxProcessed(), db.commits(), balancerLog.position(),
                counters, scrapeSeconds);
    }

    /** Each node's counters, the nodes read at the same time so that neither waits for the other's scrape. */
    private Map<String, NodeCounters> counters(List<Node> nodes) {
        Map<String, CompletableFuture<NodeCounters>> reads = new LinkedHashMap<>();
        nodes.forEach(n -> reads.put(n.name(), CompletableFuture.supplyAsync(n.metrics()::read, scrapers)));
        Map<String, NodeCounters> counters = new LinkedHashMap<>();
        reads.forEach((name, read) -> counters.put(name, read.join()));
        return counters;
    }

    private static Map<String, NodeCounters> byNode(Edge start, Edge end) {
        Map<String, NodeCounters> byNode = new LinkedHashMap<>();
        end.counters().forEach((node, counters) -> byNode.put(node, counters.minus(start.counters().get(node))));
        return byNode;
    }

    // ---- Outbound -----------------------------------------------------------------------------

    private ClusterOutbound outbound(List<Node> nodes, ClusterProcesses processes) {
        String prefix = "c" + nodes.size() + "-out";
        int count = plan.outboundDeliveries();
        Edge[] edges = new Edge[2];
        LockSampler[] sampler = new LockSampler[1];
        LockWaits[] locks = {LockWaits.NONE};
        OutboundBurst burst;
        try {
            burst = OutboundBurstMeasurement.run(db, receiver, endpointId, prefix, count, new OutboundBurstMeasurement.Window() {
                @Override
                public void opened() {
                    // Nothing is due yet, so the counters do not move while they are read; the CPU is read last.
                    edges[0] = edgeCountersFirst(nodes, processes);
                    sampler[0] = LockSampler.start(db, plan.lockSampleEvery());
                }

                @Override
                public void closed() {
                    locks[0] = sampler[0].stop();
                    edges[1] = edge(nodes, processes);
                }
            });
        } finally {
            if (sampler[0] != null) {
                sampler[0].close();
            }
        }
        Map<String, Double> cpuMillisPerDelivery = new LinkedHashMap<>();
        StackProcesses.minus(edges[1].cpu(), edges[0].cpu()).forEach((process, seconds) -> cpuMillisPerDelivery.put(process, 1000 * seconds / count));
        return new ClusterOutbound(count, burst, cpuMillisPerDelivery, byNode(edges[0], edges[1]), locks[0],
                balancerLog.takenOutSince(edges[0].balancerLog()));
    }
}
