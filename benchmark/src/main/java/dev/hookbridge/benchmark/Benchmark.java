package dev.hookbridge.benchmark;

import dev.hookbridge.stack.Ports;
import dev.hookbridge.stack.Stack;
import dev.hookbridge.stack.StackLayout;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.TestPorts;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark ({@code mvn -Pbenchmark verify}, docs/benchmark.md): starts the production
 * topology with durable storage on ports of its own, measures the gateway and the five baselines on
 * the same processes, prints every target beside its figure, writes target/benchmark.json and
 * target/benchmark.md, and stops everything (the stack's shutdown hook covers Ctrl-C).
 */
public final class Benchmark {

    private static final String B1 = "1 empty JAX-RS POST (same WildFly)";
    private static final String B2 = "2 JDBC insert + commit (same PostgreSQL)";
    private static final String B3 = "3 transacted durable JMS send (same Artemis)";
    private static final int PROFILED_OUTBOUND_DELIVERIES = 20_000;
    private static final String B4 = "4 dispatcher's HTTP client → loopback receiver (64 in flight)";
    private static final String B5 = "5 XA insert + JMS send inside WildFly (no HTTP)";

    /** Added to the test ports (and to HOOKBRIDGE_TEST_PORT_SHIFT), so a benchmark runs beside the tests. */
    static final int PORT_OFFSET = 50;

    private final Plan plan;
    private final Stack stack;
    private final Report report = new Report();
    private final GatewayClient gateway;
    private final Database db;
    private final Receiver receiver = Receiver.startForLoad();
    private final Path output;
    private StackProcesses processes;
    private String endpointId;
    private double drainPerSecond;
    private double outboundPerSecond;
    private double publishToFirstAttemptP50;
    private double lagP99AtHighestRate;
    private double highestLagRate;

    private final Map<String, LoadResult> inbound = new LinkedHashMap<>();
    private final Map<String, Double> processed = new LinkedHashMap<>();
    private final Map<String, Map<Integer, LoadResult>> baselines = new LinkedHashMap<>();
    private final Map<String, Boolean> targets = new LinkedHashMap<>();
    private final List<List<String>> targetRows = new ArrayList<>();

    private Benchmark(Plan plan, Stack stack, Path output) {
        this.plan = plan;
        this.stack = stack;
        this.output = output;
        this.gateway = new GatewayClient(stack.wildfly().baseUrl());
        this.db = new Database(stack.postgres().jdbcUrl());
    }

    public static void main(String[] args) {
        Plan plan = Plan.fromSystemProperties();
        Path output = Path.of(System.getProperty("benchmark.output", "target"));
        StackLayout layout = StackLayout.fromSystemProperties();
        layout.emptyWork();
        Ports ports = TestPorts.offsetBy(PORT_OFFSET);
        System.out.printf("%nHookbridge benchmark (%s): starting the stack (durable) on HTTP port %d ...%n",
                variant(plan), ports.http());
        long started = System.nanoTime();
        Stack stack = Stack.start(layout, ports, true, Map.of("hookbridge.delivery.allow-private-networks", "true"));
        try (stack) {
            System.out.printf("Stack up in %d s.%n", (System.nanoTime() - started) / 1_000_000_000L);
            new Benchmark(plan, stack, output).run();
        }
        System.out.printf("Benchmark done in %d s; the stack is stopped.%n", (System.nanoTime() - started) / 1_000_000_000L);
    }

    private static String variant(Plan plan) {
        return plan.inboundOnly() ? "inbound only" : plan.quick() ? "quick" : "full";
    }

    private void run() {
        try (receiver) {
            setUp();
            warmUp();
            Map<String, Double> cpuAtStart = processes.cpuSeconds();
            measureInbound();
            measureBaselines();
            if (!plan.inboundOnly()) {
                measureLag();
                measureDrain();
                measureOutbound();
                measureGrowth();
            }
            resources(cpuAtStart);
            if (!plan.inboundOnly()) {
                evaluateTargets();
            }
            if (plan.profile()) {
                profileMissedTargets();
            }
        } finally {
            report.write(output.resolve("benchmark.json"), output.resolve("benchmark.md"));
            System.out.printf("%nFigures written to %s and %s%n", output.resolve("benchmark.json"), output.resolve("benchmark.md"));
        }
    }

    private void setUp() {
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("date", Instant.now().toString());
        machine.put("cores", rt.availableProcessors());
        machine.put("memoryGiB", LoadResult.round(((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("loadAverageAtStart", LoadResult.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        machine.put("variant", variant(plan));
        machine.put("durable", "PostgreSQL fsync on, synchronous_commit on; Artemis persistent messages; XA two-phase commit");
        report.put("machine", machine);
        report.note(String.format("%n## Hookbridge benchmark, %s run, %s, %d cores, %.0f GiB, load average at start %.2f",
                machine.get("variant"), machine.get("date"), rt.availableProcessors(), (Double) machine.get("memoryGiB"),
                (Double) machine.get("loadAverageAtStart")));

        processes = new StackProcesses(stack.postgres().directory());
        gateway.createSource();
        endpointId = gateway.createEndpoint(receiver.url(), "bench.*");
        db.createBaselineTable();
        JmsBaseline.resetQueue(stack.broker().url());
        BaselineWar.deploy(stack.wildfly().logFile().getParent().getParent().resolve("deployments"));
    }

    /**
     * A freshly started WildFly answers slowly until its code is loaded and compiled: the inbound
     * and publishing paths run unmeasured first, so that the first measured figures are not its
     * start-up. (Each measurement has its own short warm-up besides.)
     */
    private void warmUp() {
        System.out.printf("Warming up for %d s ...%n", plan.globalWarmup().toSeconds());
        Load.closed("warm-up inbound", 16, Duration.ZERO, plan.globalWarmup(), seq -> gateway.call(gateway.webhook("warm-" + seq)));
        publishToFirstAttempt("warmpub");
        db.awaitNoBacklog(Duration.ofMinutes(3));
    }

    // ---- Inbound ------------------------------------------------------------------------------

    private void measureInbound() {
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> cpuRows = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int clients : plan.inboundClients()) {
                String prefix = "in" + clients + "-";
                // Backlog and processed count when the measured window opens and when it closes.
                ScheduledFuture<long[]> atStart = sampler.schedule(() -> new long[] {db.inboxBacklog(), db.inboxProcessed(), db.commits()},
                        plan.warmup().toMillis(), TimeUnit.MILLISECONDS);
                ScheduledFuture<long[]> atEnd = sampler.schedule(() -> new long[] {db.inboxBacklog(), db.inboxProcessed(), db.commits()},
                        plan.warmup().plus(plan.measure()).toMillis(), TimeUnit.MILLISECONDS);
                // CPU of each process over the same window.
                ScheduledFuture<Map<String, Double>> cpuAtStart = sampler.schedule(processes::cpuSeconds,
                        plan.warmup().toMillis(), TimeUnit.MILLISECONDS);
                ScheduledFuture<Map<String, Double>> cpuAtEnd = sampler.schedule(processes::cpuSeconds,
                        plan.warmup().plus(plan.measure()).toMillis(), TimeUnit.MILLISECONDS);
                LoadResult result = Load.closed("inbound", clients, plan.warmup(), plan.measure(),
                        seq -> gateway.call(gateway.webhook(prefix + seq)));
                long[] start = atStart.get();
                long[] end = atEnd.get();
                Map<String, Double> cpuMillisPerWebhook = new LinkedHashMap<>();
                long accepted = Math.max(1, result.count());
                StackProcesses.minus(cpuAtEnd.get(), cpuAtStart.get())
                        .forEach((process, seconds) -> cpuMillisPerWebhook.put(process, LoadResult.round(1000 * seconds / accepted)));
                cpuRows.add(Report.row(clients, cpuMillisPerWebhook.get("WildFly"), cpuMillisPerWebhook.get("PostgreSQL"),
                        cpuMillisPerWebhook.get("Artemis"), cpuMillisPerWebhook.get("benchmark JVM (load, receiver)"),
                        (double) (end[2] - start[2]) / accepted));
                double processedPerSecond = (end[1] - start[1]) / result.seconds();
                long drainStart = System.nanoTime();
                boolean drained = db.awaitNoBacklog(Duration.ofMinutes(3));
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                inbound.put(Integer.toString(clients), result);
                processed.put(Integer.toString(clients), processedPerSecond);
                Map<String, Object> f = result.figures();
                f.put("processedPerSecondInWindow", LoadResult.round(processedPerSecond));
                f.put("sustainedPerSecond", LoadResult.round(Math.min(result.perSecond(), processedPerSecond)));
                // Intake and processing of one event each commit in PostgreSQL (statistics lag up to 1 s).
                f.put("databaseCommitsPerAcceptedWebhook", LoadResult.round((double) (end[2] - start[2]) / Math.max(1, result.count())));
                f.put("backlogAtWindowStart", start[0]);
                f.put("backlogAtWindowEnd", end[0]);
                f.put("drainSecondsAfter", LoadResult.round(drainSeconds));
                f.put("drained", drained);
                f.put("cpuMillisPerAcceptedWebhook", cpuMillisPerWebhook);
                json.put(clients + " clients", f);
                rows.add(Report.row(clients, result.perSecond(), processedPerSecond, result.millis(50), result.millis(95),
                        result.millis(99), result.errors(), start[0] + " → " + end[0], Report.format(drainSeconds) + " s",
                        (double) (end[2] - start[2]) / Math.max(1, result.count())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            sampler.shutdownNow();
        }
        report.put("inbound", json);
        report.table("Inbound: signed standard webhooks, 1 KiB, unique ids, closed loop, processing running",
                List.of("clients", "accepted/s", "processed/s (same window)", "p50 ms", "p95 ms", "p99 ms", "errors",
                        "backlog (RECEIVED) window start → end", "backlog drained in",
                        "PostgreSQL transactions per accepted webhook (xact_commit, read-only ones included)"), rows);
        report.table("Inbound: what one accepted webhook costs, intake and processing together, in the same windows",
                List.of("clients", "WildFly CPU ms", "PostgreSQL CPU ms", "Artemis CPU ms", "benchmark JVM CPU ms (the load itself)",
                        "PostgreSQL transactions"), cpuRows);
    }

    /** What the gateway sustains: accepted/s, or processed/s when processing fell behind (backlog grew). */
    private double sustained(String clients) {
        return Math.min(inbound.get(clients).perSecond(), processed.get(clients));
    }

    // ---- Baselines ----------------------------------------------------------------------------

    private void measureBaselines() {
        Map<Integer, LoadResult> empty = new LinkedHashMap<>();
        for (int clients : plan.baselineClients()) {
            empty.put(clients, Load.closed("b1 empty POST", clients, plan.warmup(), plan.measure(),
                    seq -> gateway.call(gateway.emptyPost("b1-" + clients + "-" + seq))));
        }
        baselines.put(B1, empty);

        Map<Integer, LoadResult> jdbc = new LinkedHashMap<>();
        for (int clients : plan.baselineClients()) {
            try (JdbcBaseline b2 = new JdbcBaseline(stack.postgres().jdbcUrl(), "b2-" + clients)) {
                jdbc.put(clients, Load.closed("b2 JDBC insert+commit", clients, plan.warmup(), plan.measure(), b2::insert));
            }
        }
        baselines.put(B2, jdbc);

        Map<Integer, LoadResult> jms = new LinkedHashMap<>();
        for (int clients : plan.baselineClients()) {
            try (JmsBaseline b3 = new JmsBaseline(stack.broker().url(), "b3-" + clients)) {
                jms.put(clients, Load.closed("b3 JMS send+commit", clients, plan.warmup(), plan.measure(), b3::send));
            }
        }
        JmsBaseline.resetQueue(stack.broker().url());
        baselines.put(B3, jms);

        Map<Integer, LoadResult> xa = new LinkedHashMap<>();
        for (int clients : plan.baselineClients()) {
            xa.put(clients, xaBaseline(clients));
        }
        JmsBaseline.resetQueue(stack.broker().url());
        baselines.put(B5, xa);

        Map<Integer, LoadResult> http = new LinkedHashMap<>();
        try (DispatcherHttpBaseline b4 = new DispatcherHttpBaseline(receiver.url())) {
            http.put(64, Load.closed("b4 dispatcher HTTP client", 64, plan.warmup(), plan.measure(), b4::post));
        }
        baselines.put(B4, http);

        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        baselines.forEach((name, levels) -> {
            Map<String, Object> byLevel = new LinkedHashMap<>();
            levels.forEach((clients, r) -> {
                byLevel.put(clients + " clients", r.figures());
                rows.add(Report.row(name, clients, r.perSecond(), r.millis(50), r.millis(95), r.millis(99), r.errors()));
            });
            json.put(name, byLevel);
        });
        report.put("baselines", json);
        report.table("Baselines (same processes, same run)",
                List.of("baseline", "clients", "ops/s", "p50 ms", "p95 ms", "p99 ms", "errors"), rows);

        List<List<String>> ratios = new ArrayList<>();
        Map<String, Object> ratioJson = new LinkedHashMap<>();
        for (int clients : plan.inboundClients()) {
            LoadResult in = inbound.get(Integer.toString(clients));
            LoadResult b1 = empty.get(clients);
            LoadResult b2 = jdbc.get(clients);
            LoadResult b5 = xa.get(clients);
            if (b1 == null || b2 == null || b5 == null) {
                continue;
            }
            double min12 = Math.min(b1.perSecond(), b2.perSecond());
            double sustained = sustained(Integer.toString(clients));
            double toMin = sustained / min12;
            double toXa = sustained / b5.perSecond();
            ratioJson.put(clients + " clients", Map.of("acceptedPerSecond", LoadResult.round(in.perSecond()),
                    "sustainedPerSecond", LoadResult.round(sustained),
                    "minBaseline1And2", LoadResult.round(min12), "ratioToMinBaseline1And2", LoadResult.round(toMin),
                    "baseline5", LoadResult.round(b5.perSecond()), "ratioToBaseline5", LoadResult.round(toXa)));
            ratios.add(Report.row(clients, in.perSecond(), sustained, min12, toMin, b5.perSecond(), toXa));
        }
        report.put("inboundRatios", ratioJson);
        report.table("Inbound against its baselines",
                List.of("clients", "accepted/s", "sustained/s (min of accepted, processed)", "min(b1, b2)/s", "ratio",
                        "b5 (XA, no HTTP)/s", "ratio to b5"), ratios);
    }

    /** Baseline 5: {@code clients} parallel requests, each looping XA transactions inside WildFly. */
    private LoadResult xaBaseline(int clients) {
        ExecutorService callers = Executors.newFixedThreadPool(clients);
        try {
            runXa(callers, clients, plan.warmup().toMillis(), "b5w-" + clients);
            List<String> answers = runXa(callers, clients, plan.measure().toMillis(), "b5-" + clients);
            Histogram latencies = Load.histogram();
            long errors = 0;
            for (String answer : answers) {
                for (String line : answer.split("\n")) {
                    if (line.startsWith("#errors ")) {
                        errors += Long.parseLong(line.substring(8).trim());
                    } else if (!line.isBlank()) {
                        latencies.recordValue(Math.min(latencies.getHighestTrackableValue(), Long.parseLong(line.trim())));
                    }
                }
            }
            return new LoadResult("b5 XA in WildFly", clients + " clients", latencies.getTotalCount(), errors,
                    plan.measure().toNanos() / 1e9, latencies);
        } finally {
            callers.shutdownNow();
        }
    }

    private List<String> runXa(ExecutorService callers, int clients, long millis, String prefix) {
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String callPrefix = prefix + "-" + c;
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return gateway.xaLoop(millis, callPrefix);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }, callers));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }

    // ---- Processing lag -----------------------------------------------------------------------

    private void measureLag() {
        double max = inbound.keySet().stream().mapToDouble(this::sustained).max().orElse(0);
        // Half the highest sustained rate, then 1,000/s or, if less is sustained, the highest sustained rate.
        List<Double> rates = new ArrayList<>(List.of(Math.max(1, Math.floor(max / 2)), Math.max(1, Math.min(1000, Math.floor(max)))));
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        for (double rate : rates) {
            String prefix = "lag" + (long) rate + "-";
            db.awaitNoBacklog(Duration.ofMinutes(2));
            LoadResult answers = Load.open("inbound open loop", rate, plan.lagWindow(), Duration.ofMinutes(2),
                    seq -> gateway.callAsync(gateway.webhook(prefix + seq)));
            boolean drained = db.awaitNoBacklog(Duration.ofMinutes(3));
            Histogram lag = db.processingLag(prefix);
            double lag50 = lag.getValueAtPercentile(50) / 1000.0;
            double lag99 = lag.getValueAtPercentile(99) / 1000.0;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("offeredPerSecond", rate);
            f.put("responses", answers.figures());
            f.put("processed", lag.getTotalCount());
            f.put("lagP50Ms", LoadResult.round(lag50));
            f.put("lagP99Ms", LoadResult.round(lag99));
            f.put("drained", drained);
            json.put((long) rate + "/s", f);
            rows.add(Report.row((long) rate + (rates.indexOf(rate) == 0 ? "/s (50 % of max)" : rate == 1000.0 ? "/s (fixed)" : "/s (max sustained)"), answers.perSecond(),
                    answers.millis(50), answers.millis(99), answers.errors(), lag.getTotalCount(), lag50, lag99));
            lagP99AtHighestRate = drained ? lag99 : Double.POSITIVE_INFINITY;
            highestLagRate = rate;
            targetRows.add(Report.row("Processing lag p99 ≤ 250 ms at " + (long) rate + "/s", Report.format(lag99) + " ms",
                    mark(lag99 <= 250 && drained)));
            targets.put("lag at " + (long) rate + "/s", lag99 <= 250 && drained);
        }
        report.put("processingLag", json);
        report.table("Open loop at a fixed arrival rate: response time from the due time, processing lag (received_at → processed_at of the inbox row)",
                List.of("offered", "answered/s", "response p50 ms", "response p99 ms", "errors", "processed", "lag p50 ms", "lag p99 ms"),
                rows);
    }

    // ---- Drain: processing alone ---------------------------------------------------------------

    /**
     * Processing with no intake: a backlog of {@code plan.drainBacklog()} RECEIVED events is built with
     * processing paused (the MDB's delivery stopped), then processing is resumed and timed until the
     * backlog is gone. Shows how fast a burst is worked off once it has been accepted.
     */
    private void measureDrain() {
        db.awaitNoBacklog(Duration.ofMinutes(3));
        int events = plan.drainBacklog();
        String prefix = "drain-";
        long backlog;
        double seconds;
        boolean drained;
        try {
            gateway.inboundProcessing("stop");
            try {
                sendCounted(prefix, events, 64);
                backlog = db.inboxBacklog();
            } finally {
                gateway.inboundProcessing("start");
            }
            long start = System.nanoTime();
            drained = db.awaitNoBacklog(Duration.ofMinutes(10));
            seconds = (System.nanoTime() - start) / 1e9;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        drainPerSecond = backlog / seconds;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("backlogEvents", backlog);
        json.put("seconds", LoadResult.round(seconds));
        json.put("drained", drained);
        json.put("processedPerSecond", LoadResult.round(drainPerSecond));
        report.put("drain", json);
        report.table("Drain: a backlog of RECEIVED events processed with no intake (built with processing paused)",
                List.of("backlog", "drained in", "processed/s", "all processed"),
                List.of(Report.row(backlog, Report.format(seconds) + " s", drainPerSecond, drained)));
    }

    /** Sends exactly {@code count} webhooks from {@code clients} threads; each must be answered 200. */
    private void sendCounted(String prefix, int count, int clients) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(clients);
        try {
            for (int c = 0; c < clients; c++) {
                senders.execute(() -> {
                    int seq;
                    while ((seq = next.incrementAndGet()) <= count) {
                        try {
                            if (!gateway.call(gateway.webhook(prefix + seq))) {
                                failed.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
            senders.shutdown();
            if (!senders.awaitTermination(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the backlog was not sent within 30 minutes");
            }
        } finally {
            senders.shutdownNow();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + count + " webhooks for the backlog were not accepted");
        }
    }

    // ---- Outbound -----------------------------------------------------------------------------

    private void measureOutbound() {
        Map<String, Object> json = new LinkedHashMap<>();
        double[] burst = outboundBurst("out", plan.outboundDeliveries());
        double b4 = baselines.get(B4).get(64).perSecond();
        double ratio = burst[0] / b4;
        json.put("deliveries", plan.outboundDeliveries());
        json.put("deliveriesPerSecond", LoadResult.round(burst[0]));
        json.put("arrivalsPerSecondAtReceiver", LoadResult.round(burst[1]));
        json.put("databaseCommitsPerDelivery", LoadResult.round(burst[2]));
        json.put("baseline4PerSecond", LoadResult.round(b4));
        json.put("ratioToBaseline4", LoadResult.round(ratio));

        LoadResult firstAttempt = publishToFirstAttempt("pub");
        outboundPerSecond = burst[0];
        publishToFirstAttemptP50 = firstAttempt.millis(50);
        json.put("publishToFirstAttempt", firstAttempt.figures());
        report.put("outbound", json);
        report.table("Outbound: signed deliveries to the loopback receiver (1 KiB data)", List.of("figure", "value"), List.of(
                Report.row("deliveries/s (" + plan.outboundDeliveries() + " due at once, first arrival → all DELIVERED)", burst[0]),
                Report.row("arrivals/s at the receiver (first → last arrival)", burst[1]),
                Report.row("PostgreSQL transactions per delivery (xact_commit: claims, outcomes, read-only ones, the benchmark's polling)", burst[2]),
                Report.row("baseline 4 (raw HTTP client, 64 in flight)/s", b4),
                Report.row("ratio to baseline 4", ratio),
                Report.row("publish (POST /api/events 202) → first attempt arrives, p50 ms at " + (long) plan.publishRate() + "/s",
                        firstAttempt.millis(50)),
                Report.row("publish → first attempt p99 ms", firstAttempt.millis(99)),
                Report.row("publishes answered / arrived within 60 s", firstAttempt.count() + " / " + (firstAttempt.count() - firstAttempt.errors()))));
        targetRows.add(Report.row("Outbound ≥ 0.5 × baseline 4", Report.format(ratio) + " × (" + Report.format(burst[0]) + "/s vs "
                + Report.format(b4) + "/s)", mark(ratio >= 0.5)));
        targets.put("outbound", ratio >= 0.5);
        targetRows.add(Report.row("Publish → first attempt p50 ≤ 20 ms", Report.format(firstAttempt.millis(50)) + " ms",
                mark(firstAttempt.millis(50) <= 20 && firstAttempt.errors() == 0)));
        targets.put("publish to first attempt", firstAttempt.millis(50) <= 20 && firstAttempt.errors() == 0);
    }

    /**
     * {@code count} deliveries made due in one statement; answers deliveries/s (first arrival until
     * the database shows all DELIVERED), arrivals/s at the receiver, and database commits per delivery
     * (claims and outcomes; the benchmark's own polling adds about one per 50 ms).
     */
    private double[] outboundBurst(String prefix, int count) {
        db.insertParkedDeliveries(prefix, count, endpointId);
        Database.sleep(1500); // the commit statistics lag up to a second behind
        long commitsBefore = db.commits();
        db.makeDue(prefix);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (db.delivered(prefix) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + db.delivered(prefix) + " of " + count + " deliveries within 5 minutes");
            }
            Database.sleep(50);
        }
        long allDelivered = System.nanoTime();
        Database.sleep(1500);
        double commitsPerDelivery = (db.commits() - commitsBefore - 1) / (double) count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 1; i <= count; i++) {
            Long arrival = receiver.firstArrivalNanos(prefix + "-" + i);
            if (arrival != null) {
                first = Math.min(first, arrival);
                last = Math.max(last, arrival);
            }
        }
        return new double[] {count / ((allDelivered - first) / 1e9), (count - 1) / ((last - first) / 1e9), commitsPerDelivery};
    }

    /**
     * Publishes at a constant rate; each event's latency is from its 202 to its arrival at the
     * receiver (0 when the delivery arrived before the 202 did). An event that does not arrive
     * within 60 s counts as an error.
     */
    private LoadResult publishToFirstAttempt(String prefix) {
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        ExecutorService publishers = Executors.newFixedThreadPool(32);
        try {
            Load.open("publish", plan.publishRate(), plan.publishWindow(), Duration.ofMinutes(1), seq -> CompletableFuture.supplyAsync(() -> {
                try {
                    String id = prefix + "-" + seq;
                    boolean ok = gateway.publish(id, "bench.latency");
                    if (ok) {
                        accepted.put(id, System.nanoTime());
                    }
                    return ok;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }, publishers));
        } finally {
            publishers.shutdown();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (accepted.keySet().stream().anyMatch(id -> receiver.firstArrivalNanos(id) == null) && System.nanoTime() < deadline) {
            Database.sleep(50);
        }
        Histogram latency = Load.histogram();
        long missing = 0;
        for (Map.Entry<String, Long> e : accepted.entrySet()) {
            Long arrival = receiver.firstArrivalNanos(e.getKey());
            if (arrival == null) {
                missing++;
            } else {
                latency.recordValue(Math.max(0, (arrival - e.getValue()) / 1000));
            }
        }
        return new LoadResult("publish → first attempt", (long) plan.publishRate() + "/s", accepted.size(), missing,
                plan.publishWindow().toNanos() / 1e9, latency);
    }

    // ---- Growth -------------------------------------------------------------------------------

    private void measureGrowth() {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> before = growthPoint("g0");
        long insertStart = System.nanoTime();
        db.insertOldRows(plan.oldRows(), endpointId);
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
        Map<String, Object> after = growthPoint("g1");
        json.put("oldRowsAddedPerTable", plan.oldRows());
        json.put("bulkInsertSeconds", LoadResult.round(insertSeconds));
        json.put("before", before);
        json.put("after", after);
        report.put("growth", json);

        double inBefore = (Double) before.get("inboundPerSecond16Clients");
        double inAfter = (Double) after.get("inboundPerSecond16Clients");
        double claimBefore = (Double) before.get("claimStatementP50Ms");
        double claimAfter = (Double) after.get("claimStatementP50Ms");
        report.table("Growth: the same figures before and after adding " + String.format("%,d", plan.oldRows())
                        + " old rows to each of inbox_event, event and delivery (delivered/dead, processed/dead)"
                        + (plan.quick() ? " (quick run: fewer rows than the full run's 1,000,000)" : ""),
                List.of("figure", "before", "after"), List.of(
                        Report.row("rows inbox_event / event / delivery", before.get("rows"), after.get("rows")),
                        Report.row("inbound accepted/s, 16 clients", inBefore, inAfter),
                        Report.row("inbound p99 ms, 16 clients", before.get("inboundP99Ms16Clients"), after.get("inboundP99Ms16Clients")),
                        Report.row("dispatcher claim statement p50 ms (nothing due)", claimBefore, claimAfter),
                        Report.row("dispatcher claim statement p99 ms", before.get("claimStatementP99Ms"), after.get("claimStatementP99Ms")),
                        Report.row("publish → first attempt p50 ms", before.get("publishToFirstAttemptP50Ms"), after.get("publishToFirstAttemptP50Ms")),
                        Report.row("publish → first attempt p99 ms", before.get("publishToFirstAttemptP99Ms"), after.get("publishToFirstAttemptP99Ms"))));
        report.note(String.format("(bulk insert of the old rows took %.1f s)", insertSeconds));
        boolean flat = inAfter >= 0.8 * inBefore && claimAfter <= 2 * claimBefore + 1;
        targetRows.add(Report.row("Flat cost with " + String.format("%,d", plan.oldRows())
                        + " old rows (inbound/s ≥ 80 % of before; claim p50 ≤ 2 × before + 1 ms)",
                Report.format(inAfter / inBefore) + " × inbound; claim " + Report.format(claimBefore) + " → " + Report.format(claimAfter) + " ms",
                mark(flat)));
        targets.put("growth", flat);
    }

    private Map<String, Object> growthPoint(String prefix) {
        db.awaitNoBacklog(Duration.ofMinutes(2));
        Map<String, Object> point = new LinkedHashMap<>();
        Map<String, Long> rows = db.tableRows();
        point.put("rows", rows.get("inbox_event") + " / " + rows.get("event") + " / " + rows.get("delivery"));
        long[] claim = db.claimMicros(200);
        point.put("claimStatementP50Ms", claim[0] / 1000.0);
        point.put("claimStatementP99Ms", claim[1] / 1000.0);
        LoadResult in = Load.closed("growth inbound", 16, plan.warmup(), plan.growthWindow(),
                seq -> gateway.call(gateway.webhook(prefix + "-" + seq)));
        point.put("inboundPerSecond16Clients", LoadResult.round(in.perSecond()));
        point.put("inboundP99Ms16Clients", LoadResult.round(in.millis(99)));
        db.awaitNoBacklog(Duration.ofMinutes(2));
        LoadResult first = publishToFirstAttempt(prefix + "pub");
        point.put("publishToFirstAttemptP50Ms", LoadResult.round(first.millis(50)));
        point.put("publishToFirstAttemptP99Ms", LoadResult.round(first.millis(99)));
        return point;
    }

    // ---- Resources, targets, profiles -----------------------------------------------------------

    private void resources(Map<String, Double> cpuAtStart) {
        Map<String, Double> used = StackProcesses.minus(processes.cpuSeconds(), cpuAtStart);
        double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
        long[] heap = processes.heapMiB();
        processes.fullGc();
        long[] heapAfterGc = processes.heapMiB();
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> cpu = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        used.forEach((k, v) -> {
            cpu.put(k, Map.of("cpuSeconds", LoadResult.round(v), "percent", LoadResult.round(100 * v / total)));
            rows.add(Report.row("CPU " + k, Report.format(v) + " s (" + Report.format(100 * v / total) + " %)"));
        });
        json.put("cpuFromFirstMeasurementToEnd", cpu);
        json.put("wildflyHeapMiB", Map.of("committed", heap[0], "used", heap[1], "usedAfterFullGc", heapAfterGc[1]));
        rows.add(Report.row("WildFly heap after the run (committed / used / used after full GC)",
                heap[0] + " / " + heap[1] + " / " + heapAfterGc[1] + " MiB (-Xmx1g)"));
        report.put("resources", json);
        report.table("Resources (whole run after start-up)", List.of("figure", "value"), rows);
    }

    private void evaluateTargets() {
        LoadResult in64 = inbound.get("64");
        double min12 = Math.min(baselines.get(B1).get(64).perSecond(),
                baselines.get(B2).get(64).perSecond());
        double sustained = sustained("64");
        double ratio = sustained / min12;
        List<List<String>> rows = new ArrayList<>();
        rows.add(Report.row("Inbound at 64 clients ≥ 0.5 × min(baseline 1, baseline 2), sustained with processing running",
                Report.format(ratio) + " × (" + Report.format(sustained) + "/s vs " + Report.format(min12) + "/s)", mark(ratio >= 0.5)));
        targets.put("inbound rate", ratio >= 0.5);
        rows.add(Report.row("Inbound p99 at 64 clients ≤ 50 ms", Report.format(in64.millis(99)) + " ms", mark(in64.millis(99) <= 50)));
        targets.put("inbound p99", in64.millis(99) <= 50);
        rows.addAll(targetRows);
        report.put("targets", new LinkedHashMap<>(targets));
        report.table("Targets (issue 6)", List.of("target", "measured", ""), rows);
        evaluateInboundTargets();
    }

    /**
     * The inbound targets of issue 13. Where a reference is a figure of an earlier run (p50 at one
     * client, outbound), it is that run's, on its machine: compare with care across machines.
     */
    private void evaluateInboundTargets() {
        Map<String, Boolean> met = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        double b5at64 = baselines.get(B5).get(64).perSecond();
        double sustained64 = sustained("64");
        boolean rate64 = sustained64 >= b5at64 && sustained64 >= 1000;
        rows.add(Report.row("Sustained inbound at 64 clients ≥ 1.0 × baseline 5 and ≥ 1,000/s",
                Report.format(sustained64) + "/s = " + Report.format(sustained64 / b5at64) + " × b5 (" + Report.format(b5at64) + "/s)",
                mark(rate64)));
        met.put("sustained at 64", rate64);
        LoadResult b5at16 = baselines.get(B5).get(16);
        if (b5at16 != null) {
            double sustained16 = sustained("16");
            boolean rate16 = sustained16 >= 0.8 * b5at16.perSecond();
            rows.add(Report.row("Sustained inbound at 16 clients ≥ 0.8 × baseline 5 at 16",
                    Report.format(sustained16) + "/s = " + Report.format(sustained16 / b5at16.perSecond()) + " × b5 ("
                            + Report.format(b5at16.perSecond()) + "/s)", mark(rate16)));
            met.put("sustained at 16", rate16);
        } else {
            rows.add(Report.row("Sustained inbound at 16 clients ≥ 0.8 × baseline 5 at 16", "baseline 5 not run at 16 (quick run)", "n/a"));
        }
        double p99 = inbound.get("64").millis(99);
        rows.add(Report.row("Inbound p99 at 64 clients ≤ 100 ms", Report.format(p99) + " ms", mark(p99 <= 100)));
        met.put("p99 at 64", p99 <= 100);
        rows.add(Report.row("Inbound p50 at 1 client no worse than 7.95 ms (e7ce15f, another machine)",
                Report.format(inbound.get("1").millis(50)) + " ms", mark(inbound.get("1").millis(50) <= 7.95)));
        met.put("p50 at 1", inbound.get("1").millis(50) <= 7.95);
        boolean drain = drainPerSecond >= 2 * sustained64;
        rows.add(Report.row("Drain rate ≥ 2 × sustained at 64 clients", Report.format(drainPerSecond) + "/s = "
                + Report.format(drainPerSecond / sustained64) + " × sustained", mark(drain)));
        met.put("drain", drain);
        rows.add(Report.row("Processing lag p99 ≤ 250 ms, open loop at " + (long) highestLagRate + "/s",
                Report.format(lagP99AtHighestRate) + " ms", mark(lagP99AtHighestRate <= 250)));
        met.put("lag", lagP99AtHighestRate <= 250);
        rows.add(Report.row("Outbound deliveries/s and publish → first attempt p50: no regression from 1,448/s and 1.52 ms (e7ce15f, another machine)",
                Report.format(outboundPerSecond) + "/s, " + Report.format(publishToFirstAttemptP50) + " ms",
                mark(outboundPerSecond >= 1448 && publishToFirstAttemptP50 <= 1.52)));
        met.put("outbound", outboundPerSecond >= 1448 && publishToFirstAttemptP50 <= 1.52);
        report.put("inboundTargets", met);
        report.table("Inbound targets (issue 13)", List.of("target", "measured", ""), rows);
    }

    /** Where a target was missed: a flight recording of WildFly while that load runs again, summarised. */
    private void profileMissedTargets() {
        Map<String, Object> json = new LinkedHashMap<>();
        // An inbound-only run has no targets: asked for a profile, it profiles what it measured.
        boolean inboundMissed = plan.inboundOnly() || !targets.get("inbound rate") || !targets.get("inbound p99")
                || targets.entrySet().stream().anyMatch(e -> e.getKey().startsWith("lag") && !e.getValue());
        if (inboundMissed) {
            Path file = output.resolve("wildfly-inbound.jfr");
            processes.startRecording(file);
            try {
                Load.closed("profiled inbound", 64, Duration.ofSeconds(2), plan.measure(),
                        seq -> gateway.call(gateway.webhook("jfr-in-" + seq)));
            } finally {
                processes.stopRecording();
            }
            json.put("inbound, 64 clients", profileTable("WildFly profile: inbound at 64 clients", file,
                    List.of("default task", "activemq-client-global")));
            db.awaitNoBacklog(Duration.ofMinutes(3)); // else the outbound profile below records the inbound backlog's processing
        }
        if (!plan.inboundOnly() && (!targets.get("outbound") || !targets.get("publish to first attempt"))) {
            Path file = output.resolve("wildfly-outbound.jfr");
            processes.startRecording(file);
            try {
                // Enough deliveries for the recording to hold a few hundred samples of the burst.
                outboundBurst("jfr-out", PROFILED_OUTBOUND_DELIVERIES);
            } finally {
                processes.stopRecording();
            }
            json.put("outbound burst", profileTable("WildFly profile: outbound burst", file,
                    List.of("EE-ManagedExecutorService", "EJB default")));
        }
        report.put("profiles", json);
    }

    private Map<String, Object> profileTable(String title, Path file, List<String> workerThreads) {
        Map<String, Object> summary = Profile.summarize(file, 15, workerThreads);
        List<List<String>> rows = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Double> areas = (Map<String, Double>) summary.get("percentOfSamplesByArea");
        areas.forEach((k, v) -> rows.add(Report.row("stack passes through: " + k, v)));
        @SuppressWarnings("unchecked")
        Map<String, Double> top = (Map<String, Double>) summary.get("percentOfSamplesByTopMethod");
        top.forEach((k, v) -> rows.add(Report.row("on top of the stack: " + k, v)));
        summary.entrySet().stream().filter(e -> e.getKey().startsWith("waitSeconds")).forEach(e -> {
            @SuppressWarnings("unchecked")
            Map<String, Double> waits = (Map<String, Double>) e.getValue();
            String threads = e.getKey().substring(e.getKey().indexOf('*'));
            waits.forEach((k, v) -> rows.add(Report.row("seconds waited by " + threads + " threads: " + k, v)));
        });
        report.table(title + " (" + summary.get("cpuSamples") + " CPU samples, " + file + ")", List.of("where", "% of CPU samples, or seconds waited"), rows);
        return summary;
    }

    private static String mark(boolean met) {
        return met ? "met" : "MISSED";
    }
}
