package dev.hookbridge.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Sums read out of a node's Prometheus text. */
class PrometheusTextTest {

    private static final String TEXT = """
            # HELP hookbridge_inbound_accepted_total
            # TYPE hookbridge_inbound_accepted_total counter
            hookbridge_inbound_accepted_total{duplicate="false",source="bench"} 1234.0
            hookbridge_inbound_accepted_total{duplicate="true",source="bench"} 5.0
            hookbridge_inbound_accepted_total{duplicate="false",source="other"} 7.0
            hookbridge_outbound_attempts_total{endpoint="ep1",outcome="delivered"} 10.0
            hookbridge_outbound_attempts_total{endpoint="ep1",outcome="http_error"} 3.0
            hookbridge_outbound_attempts_total{endpoint="ep2",outcome="delivered"} 4.0
            hookbridge_inbound_processing_latency_seconds_count{source="bench"} 1200.0 1733000000000
            hookbridge_inbound_dead 0.0
            """;

    @Test
    void sumsTheSeriesWhoseLabelsIncludeTheWantedOnes() {
        assertThat(PrometheusText.sum(TEXT, "hookbridge_inbound_accepted_total", "source", "bench", "duplicate", "false")).isEqualTo(1234.0);
        assertThat(PrometheusText.sum(TEXT, "hookbridge_inbound_accepted_total", "source", "bench")).isEqualTo(1239.0);
        assertThat(PrometheusText.sum(TEXT, "hookbridge_outbound_attempts_total", "outcome", "delivered")).isEqualTo(14.0);
    }

    @Test
    void readsSamplesWithATimestampAndWithoutLabels() {
        assertThat(PrometheusText.sum(TEXT, "hookbridge_inbound_processing_latency_seconds_count", "source", "bench")).isEqualTo(1200.0);
        assertThat(PrometheusText.sum(TEXT, "hookbridge_inbound_dead")).isZero();
    }

    @Test
    void aSeriesNotThereYetCountsZero() {
        assertThat(PrometheusText.sum(TEXT, "hookbridge_outbound_attempts_total", "endpoint", "ep3")).isZero();
        assertThat(PrometheusText.sum(TEXT, "no_such_metric")).isZero();
    }

    @Test
    void aNamePrefixIsNotTheName() {
        assertThat(PrometheusText.sum(TEXT, "hookbridge_inbound_accepted")).isZero();
    }
}
