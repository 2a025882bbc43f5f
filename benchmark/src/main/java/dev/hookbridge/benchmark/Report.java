package dev.hookbridge.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the run's figures twice: as Markdown tables, printed as each group comes in and kept for
 * benchmark.md, and as one JSON document, benchmark.json.
 */
final class Report {

    /** The column of JTA commits per webhook, in the single-node and the cluster tables. */
    static final String JTA_COMMITS_HEADER = "JTA transactions committed (two-phase: a transaction-log record and a broker commit each)";

    private final Map<String, JsonValue> figures = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder();

    void machine(Machine machine) {
        put("machine", Json.createObjectBuilder()
                .add("date", machine.date())
                .add("cores", machine.cores())
                .add("memoryGiB", round(machine.memoryGiB()))
                .add("java", machine.java())
                .add("loadAverageAtStart", round(machine.loadAverageAtStart()))
                .add("variant", machine.variant())
                .add("durable", machine.durable()));
        note(String.format("%n## Hookbridge benchmark, %s run, %s, %d cores, %.0f GiB, load average at start %.2f",
                machine.variant(), machine.date(), machine.cores(), round(machine.memoryGiB()),
                round(machine.loadAverageAtStart())));
    }

    void inbound(List<InboundWindow> windows) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> costRows = new ArrayList<>();
        for (InboundWindow w : windows) {
            LoadResult accepted = w.accepted();
            Map<String, Double> cpu = w.cost().cpuMillisByProcess();
            JsonObjectBuilder cpuJson = Json.createObjectBuilder();
            cpu.forEach((process, millis) -> cpuJson.add(process, round(millis)));
            json.add(w.clients() + " clients", figures(accepted)
                    .add("processedPerSecondInWindow", round(w.processedPerSecond()))
                    .add("sustainedPerSecond", round(w.sustainedPerSecond()))
                    .add("databaseCommitsPerAcceptedWebhook", round(w.cost().databaseCommits()))
                    .add("jtaCommitsPerAcceptedWebhook", round(w.cost().jtaCommits()))
                    .add("backlogAtWindowStart", w.backlogAtStart())
                    .add("backlogAtWindowEnd", w.backlogAtEnd())
                    .add("drainSecondsAfter", round(w.drainSeconds()))
                    .add("drained", w.drained())
                    .add("cpuMillisPerAcceptedWebhook", cpuJson));
            rows.add(row(w.clients(), accepted.perSecond(), w.processedPerSecond(), accepted.millis(50),
                    accepted.millis(95), accepted.millis(99), accepted.errors(), w.backlogAtStart() + " → " + w.backlogAtEnd(),
                    format(w.drainSeconds()) + " s", w.cost().databaseCommits()));
            costRows.add(row(w.clients(), roundedCpu(cpu, "WildFly"), roundedCpu(cpu, "PostgreSQL"),
                    roundedCpu(cpu, "Artemis"), roundedCpu(cpu, "benchmark JVM (load, receiver)"),
                    w.cost().databaseCommits(), w.cost().jtaCommits()));
        }
        put("inbound", json);
        table("Inbound: signed standard webhooks, 1 KiB, unique ids, closed loop, processing running",
                List.of("clients", "accepted/s", "processed/s (same window)", "p50 ms", "p95 ms", "p99 ms", "errors",
                        "backlog (RECEIVED) window start → end", "backlog drained in",
                        "PostgreSQL transactions per accepted webhook (xact_commit, read-only ones included)"), rows);
        table("Inbound: what one accepted webhook costs, intake and processing together, in the same windows",
                List.of("clients", "WildFly CPU ms", "PostgreSQL CPU ms", "Artemis CPU ms", "benchmark JVM CPU ms (the load itself)",
                        "PostgreSQL transactions", JTA_COMMITS_HEADER), costRows);
    }

    private static Double roundedCpu(Map<String, Double> cpuMillis, String process) {
        Double millis = cpuMillis.get(process);
        return millis == null ? null : round(millis);
    }

    void baselines(List<BaselineResult> results) {
        Map<String, JsonObjectBuilder> byBaseline = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (BaselineResult b : results) {
            LoadResult r = b.result();
            byBaseline.computeIfAbsent(b.baseline(), name -> Json.createObjectBuilder()).add(b.clients() + " clients", figures(r));
            rows.add(row(b.baseline(), b.clients(), r.perSecond(), r.millis(50), r.millis(95), r.millis(99), r.errors()));
        }
        JsonObjectBuilder json = Json.createObjectBuilder();
        byBaseline.forEach(json::add);
        put("baselines", json);
        table("Baselines (same processes, same run)",
                List.of("baseline", "clients", "ops/s", "p50 ms", "p95 ms", "p99 ms", "errors"), rows);
    }

    void inboundRatios(List<InboundRatio> ratios) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        List<List<String>> rows = new ArrayList<>();
        for (InboundRatio r : ratios) {
            json.add(r.clients() + " clients", Json.createObjectBuilder()
                    .add("acceptedPerSecond", round(r.acceptedPerSecond()))
                    .add("sustainedPerSecond", round(r.sustainedPerSecond()))
                    .add("minBaseline1And2", round(r.minBaseline1And2()))
                    .add("ratioToMinBaseline1And2", round(r.ratioToMinBaseline1And2()))
                    .add("baseline5", round(r.baseline5()))
                    .add("ratioToBaseline5", round(r.ratioToBaseline5())));
            rows.add(row(r.clients(), r.acceptedPerSecond(), r.sustainedPerSecond(), r.minBaseline1And2(),
                    r.ratioToMinBaseline1And2(), r.baseline5(), r.ratioToBaseline5()));
        }
        put("inboundRatios", json);
        table("Inbound against its baselines",
                List.of("clients", "accepted/s", "sustained/s (min of accepted, processed)", "min(b1, b2)/s", "ratio",
                        "b5 (XA, no HTTP)/s", "ratio to b5"), rows);
    }

    void processingLag(List<LagResult> results) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        List<List<String>> rows = new ArrayList<>();
        for (LagResult lag : results) {
            LoadResult answers = lag.responses();
            json.add((long) lag.offeredPerSecond() + "/s", Json.createObjectBuilder()
                    .add("offeredPerSecond", lag.offeredPerSecond())
                    .add("responses", figures(answers))
                    .add("processed", lag.processed())
                    .add("lagP50Ms", round(lag.lagP50Ms()))
                    .add("lagP99Ms", round(lag.lagP99Ms()))
                    .add("drained", lag.drained()));
            rows.add(row((long) lag.offeredPerSecond() + "/s (" + lag.basis() + ")", answers.perSecond(),
                    answers.millis(50), answers.millis(99), answers.errors(), lag.processed(), lag.lagP50Ms(), lag.lagP99Ms()));
        }
        put("processingLag", json);
        table("Open loop at a fixed arrival rate: response time from the due time, processing lag (received_at → processed_at of the inbox row)",
                List.of("offered", "answered/s", "response p50 ms", "response p99 ms", "errors", "processed", "lag p50 ms", "lag p99 ms"),
                rows);
    }

    void drain(DrainResult drain) {
        put("drain", Json.createObjectBuilder()
                .add("backlogEvents", drain.backlog())
                .add("seconds", round(drain.seconds()))
                .add("drained", drain.drained())
                .add("processedPerSecond", round(drain.processedPerSecond())));
        table("Drain: a backlog of RECEIVED events processed with no intake (built with processing paused)",
                List.of("backlog", "drained in", "processed/s", "all processed"),
                List.of(row(drain.backlog(), format(drain.seconds()) + " s", drain.processedPerSecond(), drain.drained())));
    }

    void outbound(OutboundResult outbound) {
        OutboundBurst burst = outbound.burst();
        LoadResult firstAttempt = outbound.publishToFirstAttempt();
        put("outbound", Json.createObjectBuilder()
                .add("deliveries", outbound.deliveries())
                .add("deliveriesPerSecond", round(burst.deliveriesPerSecond()))
                .add("arrivalsPerSecondAtReceiver", round(burst.arrivalsPerSecond()))
                .add("databaseCommitsPerDelivery", round(burst.databaseCommitsPerDelivery()))
                .add("baseline4PerSecond", round(outbound.baseline4PerSecond()))
                .add("ratioToBaseline4", round(outbound.ratioToBaseline4()))
                .add("publishToFirstAttempt", figures(firstAttempt)));
        table("Outbound: signed deliveries to the loopback receiver (1 KiB data)", List.of("figure", "value"), List.of(
                row("deliveries/s (" + outbound.deliveries() + " due at once, first arrival → all DELIVERED)", burst.deliveriesPerSecond()),
                row("arrivals/s at the receiver (first → last arrival)", burst.arrivalsPerSecond()),
                row("PostgreSQL transactions per delivery (xact_commit: claims, outcomes, read-only ones, the benchmark's polling)",
                        burst.databaseCommitsPerDelivery()),
                row("baseline 4 (raw HTTP client, 64 in flight)/s", outbound.baseline4PerSecond()),
                row("ratio to baseline 4", outbound.ratioToBaseline4()),
                row("publish (POST /api/events 202) → first attempt arrives, p50 ms at " + outbound.publishRate() + "/s",
                        firstAttempt.millis(50)),
                row("publish → first attempt p99 ms", firstAttempt.millis(99)),
                row("publishes answered / arrived within 60 s", firstAttempt.count() + " / " + (firstAttempt.count() - firstAttempt.errors()))));
    }

    void growth(GrowthResult growth) {
        GrowthPoint before = growth.before();
        GrowthPoint after = growth.after();
        put("growth", Json.createObjectBuilder()
                .add("oldRowsAddedPerTable", growth.oldRows())
                .add("bulkInsertSeconds", round(growth.bulkInsertSeconds()))
                .add("before", figures(before))
                .add("after", figures(after)));
        table("Growth: the same figures before and after adding " + String.format("%,d", growth.oldRows())
                        + " old rows to each of inbox_event, event and delivery (delivered/dead, processed/dead)"
                        + (growth.quick() ? " (quick run: fewer rows than the full run's 1,000,000)" : ""),
                List.of("figure", "before", "after"), List.of(
                        row("rows inbox_event / event / delivery", rows(before), rows(after)),
                        row("inbound accepted/s, 16 clients", before.inboundPerSecond16Clients(), after.inboundPerSecond16Clients()),
                        row("inbound p99 ms, 16 clients", before.inboundP99Ms16Clients(), after.inboundP99Ms16Clients()),
                        row("dispatcher claim statement p50 ms (nothing due)", before.claimStatementP50Ms(), after.claimStatementP50Ms()),
                        row("dispatcher claim statement p99 ms", before.claimStatementP99Ms(), after.claimStatementP99Ms()),
                        row("publish → first attempt p50 ms", before.publishToFirstAttemptP50Ms(), after.publishToFirstAttemptP50Ms()),
                        row("publish → first attempt p99 ms", before.publishToFirstAttemptP99Ms(), after.publishToFirstAttemptP99Ms())));
        note(String.format("(bulk insert of the old rows took %.1f s)", growth.bulkInsertSeconds()));
    }

    private static JsonObjectBuilder figures(GrowthPoint point) {
        return Json.createObjectBuilder()
                .add("rows", rows(point))
                .add("claimStatementP50Ms", point.claimStatementP50Ms())
                .add("claimStatementP99Ms", point.claimStatementP99Ms())
                .add("inboundPerSecond16Clients", point.inboundPerSecond16Clients())
                .add("inboundP99Ms16Clients", point.inboundP99Ms16Clients())
                .add("publishToFirstAttemptP50Ms", point.publishToFirstAttemptP50Ms())
                .add("publishToFirstAttemptP99Ms", point.publishToFirstAttemptP99Ms());
    }

    private static String rows(GrowthPoint point) {
        return point.inboxEventRows() + " / " + point.eventRows() + " / " + point.deliveryRows();
    }

    void resources(Resources resources) {
        double total = resources.totalCpuSeconds();
        JsonObjectBuilder cpu = Json.createObjectBuilder();
        List<List<String>> rows = new ArrayList<>();
        resources.cpuSeconds().forEach((process, seconds) -> {
            cpu.add(process, Json.createObjectBuilder()
                    .add("cpuSeconds", round(seconds))
                    .add("percent", round(100 * seconds / total)));
            rows.add(row("CPU " + process, format(seconds) + " s (" + format(100 * seconds / total) + " %)"));
        });
        put("resources", Json.createObjectBuilder()
                .add("cpuFromFirstMeasurementToEnd", cpu)
                .add("wildflyHeapMiB", Json.createObjectBuilder()
                        .add("committed", resources.heapCommittedMiB())
                        .add("used", resources.heapUsedMiB())
                        .add("usedAfterFullGc", resources.heapUsedAfterFullGcMiB())));
        rows.add(row("WildFly heap after the run (committed / used / used after full GC)",
                resources.heapCommittedMiB() + " / " + resources.heapUsedMiB() + " / " + resources.heapUsedAfterFullGcMiB()
                        + " MiB (-Xmx1g)"));
        table("Resources (whole run after start-up)", List.of("figure", "value"), rows);
    }

    /** The gateway's targets, under "targets". */
    void targets(List<Target> targets) {
        targets("targets", "Targets (issue 6)", targets);
    }

    /** The inbound path's targets, under "inboundTargets". */
    void inboundTargets(List<Target> targets) {
        targets("inboundTargets", "Inbound targets (issue 13)", targets);
    }

    private void targets(String key, String title, List<Target> targets) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        List<List<String>> rows = new ArrayList<>();
        for (Target t : targets) {
            if (t.met() != null) {
                json.add(t.name(), t.met());
            }
            rows.add(row(t.target(), t.measured(), t.mark()));
        }
        put(key, json);
        table(title, List.of("target", "measured", ""), rows);
    }

    /** One flight recording's summary ({@link Profile#summarize}) as a table. */
    void profile(String title, Path file, Map<String, Object> summary) {
        List<List<String>> rows = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Double> areas = (Map<String, Double>) summary.get("percentOfSamplesByArea");
        areas.forEach((k, v) -> rows.add(row("stack passes through: " + k, v)));
        @SuppressWarnings("unchecked")
        Map<String, Double> top = (Map<String, Double>) summary.get("percentOfSamplesByTopMethod");
        top.forEach((k, v) -> rows.add(row("on top of the stack: " + k, v)));
        summary.entrySet().stream().filter(e -> e.getKey().startsWith("waitSeconds")).forEach(e -> {
            @SuppressWarnings("unchecked")
            Map<String, Double> waits = (Map<String, Double>) e.getValue();
            String threads = e.getKey().substring(e.getKey().indexOf('*'));
            waits.forEach((k, v) -> rows.add(row("seconds waited by " + threads + " threads: " + k, v)));
        });
        table(title + " (" + summary.get("cpuSamples") + " CPU samples, " + file + ")",
                List.of("where", "% of CPU samples, or seconds waited"), rows);
    }

    /** The profile summaries by the load they recorded, under "profiles". */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void profiles(Map<String, Map<String, Object>> summaries) {
        put("profiles", Json.createObjectBuilder((Map) summaries));
    }

    /** A load's figures as benchmark.json keeps them: its load, counts, rate and latency percentiles. */
    static JsonObjectBuilder figures(LoadResult result) {
        return Json.createObjectBuilder()
                .add("load", result.load())
                .add("count", result.count())
                .add("errors", result.errors())
                .add("seconds", round(result.seconds()))
                .add("perSecond", round(result.perSecond()))
                .add("p50Ms", round(result.millis(50)))
                .add("p95Ms", round(result.millis(95)))
                .add("p99Ms", round(result.millis(99)))
                .add("maxMs", round(result.latencyMicros().getTotalCount() == 0 ? 0 : result.latencyMicros().getMaxValue() / 1000.0));
    }

    /** A Markdown table, printed at once and kept for the final print. */
    void table(String title, List<String> header, List<List<String>> rows) {
        StringBuilder t = new StringBuilder("\n### ").append(title).append("\n\n");
        t.append("| ").append(String.join(" | ", header)).append(" |\n");
        t.append("|").append(String.join("|", Collections.nCopies(header.size(), "---"))).append("|\n");
        for (List<String> row : rows) {
            t.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        text.append(t);
        System.out.print(t);
        System.out.flush();
    }

    void note(String line) {
        text.append(line).append('\n');
        System.out.println(line);
    }

    /** The Markdown so far, as benchmark.md will hold it. */
    String markdown() {
        return text.toString();
    }

    /** The figures so far, as benchmark.json will hold them. */
    JsonObject json() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        figures.forEach(json::add);
        return json.build();
    }

    void put(String key, JsonObjectBuilder section) {
        figures.put(key, section.build());
    }

    void write(Path json, Path markdown) {
        JsonWriterFactory writers = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter out = new StringWriter();
        writers.createWriter(out).write(json());
        try {
            Files.createDirectories(json.getParent());
            Files.writeString(json, out.toString());
            Files.writeString(markdown, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell instanceof Double d ? format(d) : String.valueOf(cell));
        }
        return row;
    }

    static double round(double value) {
        return LoadResult.round(value);
    }

    static String format(double value) {
        if (Math.abs(value) >= 100) {
            return String.format("%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format("%.1f", value);
        }
        return String.format("%.2f", value);
    }
}
