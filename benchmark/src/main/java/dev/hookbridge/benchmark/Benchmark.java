package dev.hookbridge.benchmark;

import dev.hookbridge.stack.Ports;
import dev.hookbridge.stack.Stack;
import dev.hookbridge.stack.StackLayout;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.TestPorts;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
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
    private NodeMetrics nodeMetrics;

    private final Map<Integer, InboundWindow> inbound = new LinkedHashMap<>();
    private final Map<String, Map<Integer, LoadResult>> baselines = new LinkedHashMap<>();
    private final List<LagResult> lag = new ArrayList<>();
    private DrainResult drain;
    private OutboundResult outbound;
    private GrowthResult growth;
    private final List<Target> targets = new ArrayList<>();

    private Benchmark(Plan plan, Stack stack, Path output) {
        this.plan = plan;
        this.stack = stack;
        this.output = output;
        this.gateway = new GatewayClient(stack.wildfly().baseUrl());
        this.db = new Database(stack.postgres().jdbcUrl());
    }

    public static void main(String[] args) {
        // The profile runs this class; the cluster mode is a run of its own on another topology.
        String cluster = System.getProperty("benchmark.cluster");
        if (cluster != null && !cluster.equals("false")) {
            ClusterBenchmark.main(args);
            return;
        }
        Plan plan = Plan.fromSystemProperties();
        Path output = Path.of(System.getProperty("benchmark.output", "target"));
        StackLayout layout = StackLayout.fromSystemProperties();
        layout.emptyWork();
        Ports ports = TestPorts.offsetBy(PORT_OFFSET);
        System.out.printf("%nHookbridge benchmark (%s): starting the stack (durable) on HTTP port %d ...%n",
                variant(plan), ports.http());
        long started = System.nanoTime();
        Stack stack = Stack.start(layout, ports, true, Map.of("hookbridge.delivery.allow-private-networks", "true",
                NodeMetrics.STATISTICS_SETTING, "true"));
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
        report.machine(Machine.now(variant(plan),
                "PostgreSQL fsync on, synchronous_commit on; Artemis persistent messages; XA two-phase commit"));

        processes = new StackProcesses(stack.postgres().directory());
        gateway.createSource();
        endpointId = gateway.createEndpoint(receiver.url(), "bench.*");
        nodeMetrics = new NodeMetrics(stack.wildfly().managementUrl(), endpointId);
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
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int clients : plan.inboundClients()) {
                String prefix = "in" + clients + "-";
                // Backlog and processed count when the measured window opens and when it closes.
                ScheduledFuture<long[]> atStart = sampler.schedule(this::inboundCounters, plan.warmup().toMillis(), TimeUnit.MILLISECONDS);
                ScheduledFuture<long[]> atEnd = sampler.schedule(this::inboundCounters, plan.warmup().plus(plan.measure()).toMillis(),
                        TimeUnit.MILLISECONDS);
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
                        .forEach((process, seconds) -> cpuMillisPerWebhook.put(process, 1000 * seconds / accepted));
                // Intake and processing of one event each commit in PostgreSQL (statistics lag up to 1 s).
                WebhookCost cost = new WebhookCost(cpuMillisPerWebhook, (double) (end[2] - start[2]) / accepted,
                        (double) (end[3] - start[3]) / accepted);
                double processedPerSecond = (end[1] - start[1]) / result.seconds();
                long drainStart = System.nanoTime();
                boolean drained = db.awaitNoBacklog(Duration.ofMinutes(3));
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                inbound.put(clients, new InboundWindow(clients, result, processedPerSecond, start[0], end[0], drainSeconds,
                        drained, cost));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            sampler.shutdownNow();
        }
        report.inbound(List.copyOf(inbound.values()));
    }

    /** Backlog, processed events, PostgreSQL commits and JTA commits, read at an edge of an inbound window. */
    private long[] inboundCounters() {
        return new long[] {db.inboxBacklog(), db.inboxProcessed(), db.commits(), (long) nodeMetrics.read().transactions()};
    }

    /** What the gateway sustains at {@code clients}: accepted/s, or processed/s when processing fell behind. */
    private double sustained(int clients) {
        return inbound.get(clients).sustainedPerSecond();
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

        List<BaselineResult> results = new ArrayList<>();
        baselines.forEach((name, levels) -> levels.forEach((clients, r) -> results.add(new BaselineResult(name, clients, r))));
        report.baselines(results);

        List<InboundRatio> ratios = new ArrayList<>();
        for (int clients : plan.inboundClients()) {
            LoadResult b1 = empty.get(clients);
            LoadResult b2 = jdbc.get(clients);
            LoadResult b5 = xa.get(clients);
            if (b1 == null || b2 == null || b5 == null) {
                continue;
            }
            ratios.add(new InboundRatio(clients, inbound.get(clients).accepted().perSecond(), sustained(clients),
                    Math.min(b1.perSecond(), b2.perSecond()), b5.perSecond()));
        }
        report.inboundRatios(ratios);
    }

    /** Baseline 5: {@code clients} parallel requests, each looping XA transactions inside WildFly. */
    private LoadResult xaBaseline(int clients) {
        ExecutorService callers = Executors.newFixedThreadPool(clients);
        try {
            runXa(callers, clients, plan.warmup().toMillis(), "b5w-" + clients);
            List<String> answers = runXa(callers, clients, plan.measure().toMillis(), "b5-" + clients);
            Histogram latencies = Load.histogram();
            long errors = 0;
            long lastStart = Long.MIN_VALUE;
            long firstEnd = Long.MAX_VALUE;
            for (String answer : answers) {
                for (String line : answer.split("\n")) {
                    if (line.startsWith("#errors ")) {
                        errors += Long.parseLong(line.substring(8).trim());
                    } else if (line.startsWith("#ran ")) {
                        String[] instants = line.substring(5).trim().split(" ");
                        lastStart = Math.max(lastStart, Long.parseLong(instants[0]));
                        firstEnd = Math.min(firstEnd, Long.parseLong(instants[1]));
                    } else if (!line.isBlank()) {
                        latencies.recordValue(Math.min(latencies.getHighestTrackableValue(), Long.parseLong(line.trim())));
                    }
                }
            }
            // The rate divides by one window, which is right only if every loop ran in it: a loop that
            // waited for a free request thread would run after the others and its transactions count twice.
            long together = firstEnd - lastStart;
            if (together < plan.measure().toNanos() * 9 / 10) {
                throw new IllegalStateException("baseline 5's " + clients + " loops did not run at once (together "
                        + together / 1_000_000 + " ms of " + plan.measure().toMillis() + " ms): the server has fewer"
                        + " free request threads than loops (the io subsystem's task-max-threads)");
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
        double max = inbound.values().stream().mapToDouble(InboundWindow::sustainedPerSecond).max().orElse(0);
        // Half the highest sustained rate, then 1,000/s or, if less is sustained, the highest sustained rate.
        List<Double> rates = new ArrayList<>(List.of(Math.max(1, Math.floor(max / 2)), Math.max(1, Math.min(1000, Math.floor(max)))));
        for (double rate : rates) {
            String prefix = "lag" + (long) rate + "-";
            db.awaitNoBacklog(Duration.ofMinutes(2));
            LoadResult answers = Load.open("inbound open loop", rate, plan.lagWindow(), Duration.ofMinutes(2),
                    seq -> gateway.callAsync(gateway.webhook(prefix + seq)));
            boolean drained = db.awaitNoBacklog(Duration.ofMinutes(3));
            Histogram latencies = db.processingLag(prefix);
            String basis = rates.indexOf(rate) == 0 ? "50 % of max" : rate == 1000.0 ? "fixed" : "max sustained";
            lag.add(new LagResult(rate, basis, answers, latencies.getTotalCount(), latencies.getValueAtPercentile(50) / 1000.0,
                    latencies.getValueAtPercentile(99) / 1000.0, drained));
        }
        report.processingLag(lag);
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
        drain = new DrainResult(backlog, seconds, drained);
        report.drain(drain);
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
        OutboundBurst burst = outboundBurst("out", plan.outboundDeliveries());
        double b4 = baselines.get(B4).get(64).perSecond();
        outbound = new OutboundResult(plan.outboundDeliveries(), burst, b4, (long) plan.publishRate(), publishToFirstAttempt("pub"));
        report.outbound(outbound);
    }

    private OutboundBurst outboundBurst(String prefix, int count) {
        return OutboundBurstMeasurement.run(db, receiver, endpointId, prefix, count, OutboundBurstMeasurement.Window.NONE);
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
        GrowthPoint before = growthPoint("g0");
        long insertStart = System.nanoTime();
        db.insertOldRows(plan.oldRows(), endpointId);
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
        GrowthPoint after = growthPoint("g1");
        growth = new GrowthResult(plan.oldRows(), plan.quick(), insertSeconds, before, after);
        report.growth(growth);
    }

    private GrowthPoint growthPoint(String prefix) {
        db.awaitNoBacklog(Duration.ofMinutes(2));
        Map<String, Long> rows = db.tableRows();
        long[] claim = db.claimMicros(200);
        LoadResult in = Load.closed("growth inbound", 16, plan.warmup(), plan.growthWindow(),
                seq -> gateway.call(gateway.webhook(prefix + "-" + seq)));
        db.awaitNoBacklog(Duration.ofMinutes(2));
        LoadResult first = publishToFirstAttempt(prefix + "pub");
        return new GrowthPoint(rows.get("inbox_event"), rows.get("event"), rows.get("delivery"), claim[0] / 1000.0,
                claim[1] / 1000.0, LoadResult.round(in.perSecond()), LoadResult.round(in.millis(99)),
                LoadResult.round(first.millis(50)), LoadResult.round(first.millis(99)));
    }

    // ---- Resources, targets, profiles -----------------------------------------------------------

    private void resources(Map<String, Double> cpuAtStart) {
        Map<String, Double> used = StackProcesses.minus(processes.cpuSeconds(), cpuAtStart);
        long[] heap = processes.heapMiB();
        processes.fullGc();
        long[] heapAfterGc = processes.heapMiB();
        report.resources(new Resources(used, heap[0], heap[1], heapAfterGc[1]));
    }

    private void evaluateTargets() {
        Targets evaluation = new Targets(inbound, Math.min(baselines.get(B1).get(64).perSecond(),
                baselines.get(B2).get(64).perSecond()), baselines.get(B5), lag, drain, outbound, growth);
        targets.addAll(evaluation.gatewayTargets());
        report.targets(targets);
        report.inboundTargets(evaluation.inboundTargets());
    }

    private boolean met(String target) {
        return targets.stream().filter(t -> t.name().equals(target)).findFirst().orElseThrow().met();
    }

    /** Where a target was missed: a flight recording of WildFly while that load runs again, summarised. */
    private void profileMissedTargets() {
        Map<String, Map<String, Object>> summaries = new LinkedHashMap<>();
        // An inbound-only run has no targets: asked for a profile, it profiles what it measured.
        boolean inboundMissed = plan.inboundOnly() || !met("inbound rate") || !met("inbound p99")
                || targets.stream().anyMatch(t -> t.name().startsWith("lag") && !t.met());
        if (inboundMissed) {
            Path file = output.resolve("wildfly-inbound.jfr");
            processes.startRecording(file);
            try {
                Load.closed("profiled inbound", 64, Duration.ofSeconds(2), plan.measure(),
                        seq -> gateway.call(gateway.webhook("jfr-in-" + seq)));
            } finally {
                processes.stopRecording();
            }
            summaries.put("inbound, 64 clients", profile("WildFly profile: inbound at 64 clients", file,
                    List.of("default task", "activemq-client-global")));
            db.awaitNoBacklog(Duration.ofMinutes(3)); // else the outbound profile below records the inbound backlog's processing
        }
        if (!plan.inboundOnly() && (!met("outbound") || !met("publish to first attempt"))) {
            Path file = output.resolve("wildfly-outbound.jfr");
            processes.startRecording(file);
            try {
                // Enough deliveries for the recording to hold a few hundred samples of the burst.
                outboundBurst("jfr-out", PROFILED_OUTBOUND_DELIVERIES);
            } finally {
                processes.stopRecording();
            }
            summaries.put("outbound burst", profile("WildFly profile: outbound burst", file,
                    List.of("EE-ManagedExecutorService", "EJB default")));
        }
        report.profiles(summaries);
    }

    private Map<String, Object> profile(String title, Path file, List<String> workerThreads) {
        Map<String, Object> summary = Profile.summarize(file, 15, workerThreads);
        report.profile(title, file, summary);
        return summary;
    }
}
