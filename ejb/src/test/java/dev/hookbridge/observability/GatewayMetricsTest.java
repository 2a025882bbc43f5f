package dev.hookbridge.observability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics();

    @BeforeEach
    void inject() {
        metrics.registry = registry;
    }

    @Test
    void latencyBucketsAreCumulative() {
        metrics.delivered("ep", Duration.ofMillis(300));
        metrics.delivered("ep", Duration.ofSeconds(20));

        assertThat(bucket("0.25")).isZero();
        assertThat(bucket("0.5")).isEqualTo(1);
        assertThat(bucket("10.0")).isEqualTo(1);
        assertThat(bucket("30.0")).isEqualTo(2);
        assertThat(bucket("43200.0")).isEqualTo(2);
        assertThat(bucket("+Inf")).isEqualTo(2);
        assertThat(registry.get("hookbridge.outbound.delivery.latency").tag("endpoint", "ep").timer().count()).isEqualTo(2);
    }

    @Test
    void everyBucketExistsFromTheFirstObservation() {
        metrics.attempt("ep", "delivered", Duration.ofSeconds(60));

        assertThat(registry.find("hookbridge.outbound.attempt.duration.histogram").counters())
                .hasSize(GatewayMetrics.ATTEMPT_BUCKETS.length + 1);
        assertThat(registry.get("hookbridge.outbound.attempts").tag("outcome", "delivered").counter().count()).isEqualTo(1);
    }

    @Test
    void aNegativeDurationCountsAsZero() {
        metrics.processed("src", Duration.ofMillis(-50));

        assertThat(registry.get("hookbridge.inbound.processing.latency.histogram").tag("le", "0.01").counter().count()).isEqualTo(1);
    }

    @Test
    void rejectionReasonsAreLowerCase() {
        metrics.rejected("src", "INVALID_SIGNATURE");

        assertThat(registry.get("hookbridge.inbound.rejected").tag("reason", "invalid_signature").counter().count()).isEqualTo(1);
    }

    private double bucket(String le) {
        return registry.get("hookbridge.outbound.delivery.latency.histogram").tag("endpoint", "ep").tag("le", le).counter().count();
    }
}
