package dev.hookbridge.benchmark;

import jakarta.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report over sample figures: each Markdown table as printed, and the keys and values of benchmark.json. */
class ReportTest {

    private final Report report = new Report();

    /** A load whose every operation took {@code micros} (under 2,048, so the histogram keeps it exactly). */
    private static LoadResult load(String load, long count, long errors, double seconds, long micros) {
        Histogram latency = Load.histogram();
        latency.recordValue(micros);
        return new LoadResult("sample", load, count, errors, seconds, latency);
    }

    private static final List<String> LOAD_KEYS = List.of("load", "count", "errors", "seconds", "perSecond", "p50Ms",
            "p95Ms", "p99Ms", "maxMs");

    @Test
    void machineIsTheHeadingAndTheFirstSection() {
        report.machine(new Machine("2026-12-02T13:00:00Z", 2, 7.6543, "OpenJDK 21", 0.456, "inbound only", "fsync on"));

        assertThat(report.markdown()).isEqualTo(
                "\n## Hookbridge benchmark, inbound only run, 2026-12-02T13:00:00Z, 2 cores, 8 GiB, load average at start 0.46\n");
        JsonObject machine = report.json().getJsonObject("machine");
        assertThat(machine.keySet()).containsExactly("date", "cores", "memoryGiB", "java", "loadAverageAtStart", "variant", "durable");
        assertThat(machine.getInt("cores")).isEqualTo(2);
        assertThat(machine.getJsonNumber("memoryGiB").doubleValue()).isEqualTo(7.65);
        assertThat(machine.getJsonNumber("loadAverageAtStart").doubleValue()).isEqualTo(0.46);
        assertThat(machine.getString("durable")).isEqualTo("fsync on");
    }

    @Test
    void inboundWindowsMakeTheInboundAndTheCostTables() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("WildFly", 1.234);
        cpu.put("PostgreSQL", 0.5);
        cpu.put("Artemis", 0.25);
        cpu.put("benchmark JVM (load, receiver)", 12.5);
        report.inbound(List.of(new InboundWindow(64, load("64 clients", 2000, 1, 20.0, 1500), 95.5, 3, 7, 2.5, true,
                new WebhookCost(cpu, 3.0, 0.25))));

        assertThat(report.markdown()).contains("""

                ### Inbound: signed standard webhooks, 1 KiB, unique ids, closed loop, processing running

                | clients | accepted/s | processed/s (same window) | p50 ms | p95 ms | p99 ms | errors | backlog (RECEIVED) window start → end | backlog drained in | PostgreSQL transactions per accepted webhook (xact_commit, read-only ones included) |
                |---|---|---|---|---|---|---|---|---|---|
                | 64 | 100 | 95.5 | 1.50 | 1.50 | 1.50 | 1 | 3 → 7 | 2.50 s | 3.00 |
                """, """

                ### Inbound: what one accepted webhook costs, intake and processing together, in the same windows

                | clients | WildFly CPU ms | PostgreSQL CPU ms | Artemis CPU ms | benchmark JVM CPU ms (the load itself) | PostgreSQL transactions | JTA transactions committed (two-phase: a transaction-log record and a broker commit each) |
                |---|---|---|---|---|---|---|
                | 64 | 1.23 | 0.50 | 0.25 | 12.5 | 3.00 | 0.25 |
                """);
        JsonObject window = report.json().getJsonObject("inbound").getJsonObject("64 clients");
        assertThat(window.keySet()).containsExactlyElementsOf(concat(LOAD_KEYS, List.of("processedPerSecondInWindow",
                "sustainedPerSecond", "databaseCommitsPerAcceptedWebhook", "jtaCommitsPerAcceptedWebhook", "backlogAtWindowStart", "backlogAtWindowEnd",
                "drainSecondsAfter", "drained", "cpuMillisPerAcceptedWebhook")));
        assertThat(window.getString("load")).isEqualTo("64 clients");
        assertThat(window.getJsonNumber("count").longValue()).isEqualTo(2000);
        assertThat(window.getJsonNumber("perSecond").doubleValue()).isEqualTo(100.0);
        assertThat(window.getJsonNumber("p99Ms").doubleValue()).isEqualTo(1.5);
        assertThat(window.getJsonNumber("sustainedPerSecond").doubleValue()).isEqualTo(95.5);
        assertThat(window.getJsonNumber("jtaCommitsPerAcceptedWebhook").doubleValue()).isEqualTo(0.25);
        assertThat(window.getJsonNumber("backlogAtWindowEnd").longValue()).isEqualTo(7);
        assertThat(window.getBoolean("drained")).isTrue();
        JsonObject cpuJson = window.getJsonObject("cpuMillisPerAcceptedWebhook");
        assertThat(cpuJson.keySet()).containsExactly("WildFly", "PostgreSQL", "Artemis", "benchmark JVM (load, receiver)");
        assertThat(cpuJson.getJsonNumber("WildFly").doubleValue()).isEqualTo(1.23);
    }

    @Test
    void baselinesAreGroupedByBaselineInTheOrderMeasured() {
        report.baselines(List.of(new BaselineResult("1 empty", 64, load("64 clients", 12345, 0, 10.0, 800)),
                new BaselineResult("1 empty", 16, load("16 clients", 5000, 0, 10.0, 400)),
                new BaselineResult("2 jdbc", 64, load("64 clients", 3000, 2, 10.0, 1000))));

        assertThat(report.markdown()).isEqualTo("""

                ### Baselines (same processes, same run)

                | baseline | clients | ops/s | p50 ms | p95 ms | p99 ms | errors |
                |---|---|---|---|---|---|---|
                | 1 empty | 64 | 1,235 | 0.80 | 0.80 | 0.80 | 0 |
                | 1 empty | 16 | 500 | 0.40 | 0.40 | 0.40 | 0 |
                | 2 jdbc | 64 | 300 | 1.00 | 1.00 | 1.00 | 2 |
                """);
        JsonObject baselines = report.json().getJsonObject("baselines");
        assertThat(baselines.keySet()).containsExactly("1 empty", "2 jdbc");
        assertThat(baselines.getJsonObject("1 empty").keySet()).containsExactly("64 clients", "16 clients");
        assertThat(baselines.getJsonObject("2 jdbc").getJsonObject("64 clients").keySet()).containsExactlyElementsOf(LOAD_KEYS);
        assertThat(baselines.getJsonObject("2 jdbc").getJsonObject("64 clients").getJsonNumber("errors").longValue()).isEqualTo(2);
    }

    @Test
    void inboundRatios() {
        report.inboundRatios(List.of(new InboundRatio(64, 900.0, 850.0, 1700.0, 850.0)));

        assertThat(report.markdown()).isEqualTo("""

                ### Inbound against its baselines

                | clients | accepted/s | sustained/s (min of accepted, processed) | min(b1, b2)/s | ratio | b5 (XA, no HTTP)/s | ratio to b5 |
                |---|---|---|---|---|---|---|
                | 64 | 900 | 850 | 1,700 | 0.50 | 850 | 1.00 |
                """);
        JsonObject ratio = report.json().getJsonObject("inboundRatios").getJsonObject("64 clients");
        assertThat(ratio.keySet()).containsExactly("acceptedPerSecond", "sustainedPerSecond", "minBaseline1And2",
                "ratioToMinBaseline1And2", "baseline5", "ratioToBaseline5");
        assertThat(ratio.getJsonNumber("ratioToMinBaseline1And2").doubleValue()).isEqualTo(0.5);
        assertThat(ratio.getJsonNumber("ratioToBaseline5").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void processingLag() {
        report.processingLag(List.of(new LagResult(500.0, "50 % of max", load("500/s", 2000, 0, 4.0, 1200), 2000, 3.25, 12.5, true),
                new LagResult(1000.0, "fixed", load("1000/s", 4000, 3, 4.0, 1800), 3990, 4.0, 260.25, false)));

        assertThat(report.markdown()).isEqualTo("""

                ### Open loop at a fixed arrival rate: response time from the due time, processing lag (received_at → processed_at of the inbox row)

                | offered | answered/s | response p50 ms | response p99 ms | errors | processed | lag p50 ms | lag p99 ms |
                |---|---|---|---|---|---|---|---|
                | 500/s (50 % of max) | 500 | 1.20 | 1.20 | 0 | 2000 | 3.25 | 12.5 |
                | 1000/s (fixed) | 1,000 | 1.80 | 1.80 | 3 | 3990 | 4.00 | 260 |
                """);
        JsonObject lag = report.json().getJsonObject("processingLag");
        assertThat(lag.keySet()).containsExactly("500/s", "1000/s");
        JsonObject fixed = lag.getJsonObject("1000/s");
        assertThat(fixed.keySet()).containsExactly("offeredPerSecond", "responses", "processed", "lagP50Ms", "lagP99Ms", "drained");
        assertThat(fixed.getJsonNumber("offeredPerSecond").doubleValue()).isEqualTo(1000.0);
        assertThat(fixed.getJsonObject("responses").keySet()).containsExactlyElementsOf(LOAD_KEYS);
        assertThat(fixed.getJsonNumber("processed").longValue()).isEqualTo(3990);
        assertThat(fixed.getJsonNumber("lagP99Ms").doubleValue()).isEqualTo(260.25);
        assertThat(fixed.getBoolean("drained")).isFalse();
    }

    @Test
    void drain() {
        report.drain(new DrainResult(3000, 2.0, true));

        assertThat(report.markdown()).isEqualTo("""

                ### Drain: a backlog of RECEIVED events processed with no intake (built with processing paused)

                | backlog | drained in | processed/s | all processed |
                |---|---|---|---|
                | 3000 | 2.00 s | 1,500 | true |
                """);
        JsonObject drain = report.json().getJsonObject("drain");
        assertThat(drain.keySet()).containsExactly("backlogEvents", "seconds", "drained", "processedPerSecond");
        assertThat(drain.getJsonNumber("backlogEvents").longValue()).isEqualTo(3000);
        assertThat(drain.getJsonNumber("processedPerSecond").doubleValue()).isEqualTo(1500.0);
    }

    @Test
    void outbound() {
        report.outbound(new OutboundResult(500, new OutboundBurst(1000.0, 1100.0, 2.5), 4000.0, 20,
                load("20/s", 60, 2, 3.0, 1500)));

        assertThat(report.markdown()).isEqualTo("""

                ### Outbound: signed deliveries to the loopback receiver (1 KiB data)

                | figure | value |
                |---|---|
                | deliveries/s (500 due at once, first arrival → all DELIVERED) | 1,000 |
                | arrivals/s at the receiver (first → last arrival) | 1,100 |
                | PostgreSQL transactions per delivery (xact_commit: claims, outcomes, read-only ones, the benchmark's polling) | 2.50 |
                | baseline 4 (raw HTTP client, 64 in flight)/s | 4,000 |
                | ratio to baseline 4 | 0.25 |
                | publish (POST /api/events 202) → first attempt arrives, p50 ms at 20/s | 1.50 |
                | publish → first attempt p99 ms | 1.50 |
                | publishes answered / arrived within 60 s | 60 / 58 |
                """);
        JsonObject outbound = report.json().getJsonObject("outbound");
        assertThat(outbound.keySet()).containsExactly("deliveries", "deliveriesPerSecond", "arrivalsPerSecondAtReceiver",
                "databaseCommitsPerDelivery", "baseline4PerSecond", "ratioToBaseline4", "publishToFirstAttempt");
        assertThat(outbound.getInt("deliveries")).isEqualTo(500);
        assertThat(outbound.getJsonNumber("ratioToBaseline4").doubleValue()).isEqualTo(0.25);
        assertThat(outbound.getJsonObject("publishToFirstAttempt").keySet()).containsExactlyElementsOf(LOAD_KEYS);
    }

    @Test
    void growthAndItsBulkInsertNote() {
        GrowthResult growth = new GrowthResult(100_000, true, 12.34,
                new GrowthPoint(10, 20, 30, 0.5, 1.25, 800.0, 20.5, 1.5, 3.0),
                new GrowthPoint(100_010, 100_020, 100_030, 0.75, 1.5, 760.0, 22.0, 1.75, 3.5));
        report.growth(growth);

        assertThat(report.markdown()).isEqualTo("""

                ### Growth: the same figures before and after adding 100,000 old rows to each of inbox_event, event and delivery (delivered/dead, processed/dead) (quick run: fewer rows than the full run's 1,000,000)

                | figure | before | after |
                |---|---|---|
                | rows inbox_event / event / delivery | 10 / 20 / 30 | 100010 / 100020 / 100030 |
                | inbound accepted/s, 16 clients | 800 | 760 |
                | inbound p99 ms, 16 clients | 20.5 | 22.0 |
                | dispatcher claim statement p50 ms (nothing due) | 0.50 | 0.75 |
                | dispatcher claim statement p99 ms | 1.25 | 1.50 |
                | publish → first attempt p50 ms | 1.50 | 1.75 |
                | publish → first attempt p99 ms | 3.00 | 3.50 |
                (bulk insert of the old rows took 12.3 s)
                """);
        JsonObject json = report.json().getJsonObject("growth");
        assertThat(json.keySet()).containsExactly("oldRowsAddedPerTable", "bulkInsertSeconds", "before", "after");
        assertThat(json.getInt("oldRowsAddedPerTable")).isEqualTo(100_000);
        assertThat(json.getJsonNumber("bulkInsertSeconds").doubleValue()).isEqualTo(12.34);
        JsonObject after = json.getJsonObject("after");
        assertThat(after.keySet()).containsExactly("rows", "claimStatementP50Ms", "claimStatementP99Ms",
                "inboundPerSecond16Clients", "inboundP99Ms16Clients", "publishToFirstAttemptP50Ms", "publishToFirstAttemptP99Ms");
        assertThat(after.getString("rows")).isEqualTo("100010 / 100020 / 100030");
        assertThat(after.getJsonNumber("inboundPerSecond16Clients").doubleValue()).isEqualTo(760.0);
        assertThat(growth.flat()).isTrue();
    }

    @Test
    void resources() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("WildFly", 30.0);
        cpu.put("PostgreSQL", 10.0);
        report.resources(new Resources(cpu, 512, 300, 200));

        assertThat(report.markdown()).isEqualTo("""

                ### Resources (whole run after start-up)

                | figure | value |
                |---|---|
                | CPU WildFly | 30.0 s (75.0 %) |
                | CPU PostgreSQL | 10.0 s (25.0 %) |
                | WildFly heap after the run (committed / used / used after full GC) | 512 / 300 / 200 MiB (-Xmx1g) |
                """);
        JsonObject resources = report.json().getJsonObject("resources");
        assertThat(resources.keySet()).containsExactly("cpuFromFirstMeasurementToEnd", "wildflyHeapMiB");
        JsonObject wildfly = resources.getJsonObject("cpuFromFirstMeasurementToEnd").getJsonObject("WildFly");
        assertThat(wildfly.getJsonNumber("cpuSeconds").doubleValue()).isEqualTo(30.0);
        assertThat(wildfly.getJsonNumber("percent").doubleValue()).isEqualTo(75.0);
        JsonObject heap = resources.getJsonObject("wildflyHeapMiB");
        assertThat(heap.keySet()).containsExactlyInAnyOrder("committed", "used", "usedAfterFullGc");
        assertThat(heap.getJsonNumber("usedAfterFullGc").longValue()).isEqualTo(200);
    }

    @Test
    void targetsMarkEachAndKeepOnlyTheEvaluatedOnesInTheJson() {
        report.targets(List.of(new Target("inbound rate", "Inbound ≥ 0.5 × min", "0.60 ×", true),
                new Target("growth", "Flat cost", "0.95 × inbound", false)));
        report.inboundTargets(List.of(new Target(null, "Sustained at 16", "baseline 5 not run at 16 (quick run)", null),
                new Target("p99 at 64", "Inbound p99 ≤ 100 ms", "12.5 ms", true)));

        assertThat(report.markdown()).isEqualTo("""

                ### Targets (issue 6)

                | target | measured |  |
                |---|---|---|
                | Inbound ≥ 0.5 × min | 0.60 × | met |
                | Flat cost | 0.95 × inbound | MISSED |

                ### Inbound targets (issue 13)

                | target | measured |  |
                |---|---|---|
                | Sustained at 16 | baseline 5 not run at 16 (quick run) | n/a |
                | Inbound p99 ≤ 100 ms | 12.5 ms | met |
                """);
        JsonObject json = report.json();
        assertThat(json.getJsonObject("targets").keySet()).containsExactly("inbound rate", "growth");
        assertThat(json.getJsonObject("targets").getBoolean("growth")).isFalse();
        assertThat(json.getJsonObject("inboundTargets").keySet()).containsExactly("p99 at 64");
    }

    @Test
    void profileTableAndSummaries() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("recording", "target/wildfly-inbound.jfr");
        summary.put("cpuSamples", 120L);
        summary.put("percentOfSamplesByArea", Map.of("Hookbridge code", 12.5));
        summary.put("percentOfSamplesByTopMethod", Map.of("a.b.C.m", 3.25));
        summary.put("waitSecondsBySite, threads named *default task*", Map.of("x.Y.z", 1.5));
        report.profile("WildFly profile: inbound at 64 clients", Path.of("target/wildfly-inbound.jfr"), summary);
        report.profiles(Map.of("inbound, 64 clients", summary));

        assertThat(report.markdown()).isEqualTo("""

                ### WildFly profile: inbound at 64 clients (120 CPU samples, target/wildfly-inbound.jfr)

                | where | % of CPU samples, or seconds waited |
                |---|---|
                | stack passes through: Hookbridge code | 12.5 |
                | on top of the stack: a.b.C.m | 3.25 |
                | seconds waited by *default task* threads: x.Y.z | 1.50 |
                """);
        JsonObject profile = report.json().getJsonObject("profiles").getJsonObject("inbound, 64 clients");
        assertThat(profile.getJsonNumber("cpuSamples").longValue()).isEqualTo(120);
        assertThat(profile.getJsonObject("percentOfSamplesByArea").getJsonNumber("Hookbridge code").doubleValue()).isEqualTo(12.5);
    }

    @Test
    void sectionsKeepTheOrderTheyCameInAndAreWrittenToBothFiles(@TempDir Path dir) throws Exception {
        report.machine(new Machine("2026-12-02T13:00:00Z", 2, 8.0, "OpenJDK 21", 0.5, "quick", "fsync on"));
        report.drain(new DrainResult(3000, 2.0, true));
        report.resources(new Resources(Map.of("WildFly", 1.0), 512, 300, 200));

        assertThat(report.json().keySet()).containsExactly("machine", "drain", "resources");
        report.write(dir.resolve("benchmark.json"), dir.resolve("benchmark.md"));
        assertThat(Files.readString(dir.resolve("benchmark.md"))).isEqualTo(report.markdown());
        assertThat(Files.readString(dir.resolve("benchmark.json")))
                .contains("\"drain\": {", "\"backlogEvents\": 3000", "\"processedPerSecond\": 1500.0");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
