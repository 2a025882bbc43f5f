package dev.hookbridge.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records what the gateway does in the meters ops scrape: webhooks accepted and rejected, inbound
 * processing latency, outbound attempts and their latency, dispatcher passes. The one place that
 * names the application's meters and their labels (docs/operations.md, "Metrics"); the registry is the
 * one the micrometer subsystem injects and serves at {@code :9990/metrics}.
 *
 * Only the registry's own shortcuts ({@code counter(name, tags)}, {@code timer(name, tags)},
 * {@code gauge(...)}) are used: in WildFly 39.0.1 a meter registered through a Micrometer builder
 * stays in a registry of the deployment's own and never reaches /metrics (fixed upstream later,
 * WFLY-21339), so builder options such as histogram buckets cannot be used. The latency histograms
 * are therefore cumulative {@code le} bucket counters next to each timer, which Prometheus'
 * {@code histogram_quantile} reads like a native histogram.
 *
 * The meters are kept here once registered: WildFly's registry finds an existing meter by scanning
 * all of them, and asking it on every count would repeat that scan under load (what it cost:
 * docs/results/benchmark-2026-11-23.md, "Lookups repeated on every call").
 */
@ApplicationScoped
public class GatewayMetrics {

    /**
     * Label value of a rejection whose source does not exist (any path would otherwise make a new
     * series); source names start with a letter or digit, so it names no real source.
     */
    public static final String UNKNOWN_SOURCE = "_unknown";

    /** Bucket bounds in seconds of one HTTP attempt (timeout 15 s by default). */
    static final double[] ATTEMPT_BUCKETS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30};
    /** Bucket bounds in seconds of end-to-end latencies, which include retries (minutes to hours). */
    static final double[] LATENCY_BUCKETS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 7200, 43200};

    @Inject
    MeterRegistry registry;

    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();
    /** Each histogram's bucket counters in the order of its bounds, then +Inf. */
    private final Map<MeterKey, Counter[]> histograms = new ConcurrentHashMap<>();

    private record MeterKey(String name, Tags tags) {
    }

    /** A webhook answered 200: stored and queued, or recognised as a duplicate. */
    public void accepted(String source, boolean duplicate) {
        counter("hookbridge.inbound.accepted", Tags.of("source", source, "duplicate", Boolean.toString(duplicate))).increment();
    }

    /**
     * A webhook refused. {@code reason} is the rejection's name (unknown_source,
     * unsupported_media_type, payload_too_large, invalid_signature, malformed), or unavailable (503:
     * database or broker down) or error (500); it is written in lower case.
     */
    public void rejected(String source, String reason) {
        counter("hookbridge.inbound.rejected", Tags.of("source", source, "reason", reason.toLowerCase(Locale.ROOT))).increment();
    }

    /** An inbox event's processing committed: the time from its acceptance to now. */
    public void processed(String source, Duration sinceReceived) {
        observe("hookbridge.inbound.processing.latency", Tags.of("source", source), sinceReceived, LATENCY_BUCKETS);
    }

    /**
     * One outbound HTTP attempt whose outcome was recorded. {@code outcome}: delivered (2xx),
     * http_error (another status), no_response (timeout, refused connection, TLS or DNS failure).
     */
    public void attempt(String endpointId, String outcome, Duration duration) {
        Tags tags = Tags.of("endpoint", endpointId, "outcome", outcome);
        counter("hookbridge.outbound.attempts", tags).increment();
        observe("hookbridge.outbound.attempt.duration", tags, duration, ATTEMPT_BUCKETS);
    }

    /** A delivery succeeded: the time from the event's publication to now (includes retries). */
    public void delivered(String endpointId, Duration sincePublished) {
        observe("hookbridge.outbound.delivery.latency", Tags.of("endpoint", endpointId), sincePublished, LATENCY_BUCKETS);
    }

    /** An event of a type the catalog marks deprecated was published (it is still delivered). */
    public void deprecatedTypePublished(String type) {
        counter("hookbridge.events.deprecated", Tags.of("type", type)).increment();
    }

    /** One dispatcher pass: claiming due deliveries and handing them to the executor (not the HTTP calls). */
    public void dispatcherPass(Duration duration) {
        timer("hookbridge.dispatcher.pass", Tags.empty()).record(nonNegative(duration));
    }

    /**
     * A timer (count, sum, max) plus its cumulative buckets: {@code <name>.histogram} counters labelled
     * {@code le} (not {@code .bucket}: Prometheus' naming drops that reserved suffix).
     */
    private void observe(String name, Tags tags, Duration duration, double[] bucketSeconds) {
        Duration value = nonNegative(duration);
        timer(name, tags).record(value);
        double seconds = value.toNanos() / 1e9;
        Counter[] buckets = buckets(name, tags, bucketSeconds);
        for (int i = 0; i < bucketSeconds.length; i++) {
            if (seconds <= bucketSeconds[i]) {
                buckets[i].increment();
            }
        }
        buckets[bucketSeconds.length].increment();
    }

    /**
     * A histogram's bucket counters, all registered at its first observation (at 0 where the value
     * is larger) and kept together, so an observation builds no tags.
     */
    private Counter[] buckets(String name, Tags tags, double[] bucketSeconds) {
        MeterKey key = new MeterKey(name, tags);
        Counter[] known = histograms.get(key);
        return known != null ? known : histograms.computeIfAbsent(key, k -> {
            Counter[] buckets = new Counter[bucketSeconds.length + 1];
            for (int i = 0; i < bucketSeconds.length; i++) {
                buckets[i] = registry.counter(name + ".histogram", tags.and("le", Double.toString(bucketSeconds[i])));
            }
            buckets[bucketSeconds.length] = registry.counter(name + ".histogram", tags.and("le", "+Inf"));
            return buckets;
        });
    }

    // get() first: computeIfAbsent may lock the map's bin even when the meter is there (seen as
    // monitor waits of the dispatcher's threads in the benchmark profile).
    private Counter counter(String name, Tags tags) {
        MeterKey key = new MeterKey(name, tags);
        Counter known = counters.get(key);
        return known != null ? known : counters.computeIfAbsent(key, k -> registry.counter(k.name(), k.tags()));
    }

    private Timer timer(String name, Tags tags) {
        MeterKey key = new MeterKey(name, tags);
        Timer known = timers.get(key);
        return known != null ? known : timers.computeIfAbsent(key, k -> registry.timer(k.name(), k.tags()));
    }

    private static Duration nonNegative(Duration d) {
        // Clocks of two nodes (or of the database and this node) may disagree by a little.
        return d.isNegative() ? Duration.ZERO : d;
    }
}
