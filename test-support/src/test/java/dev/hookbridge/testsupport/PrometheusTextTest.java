package dev.hookbridge.testsupport;

import dev.hookbridge.testsupport.PrometheusText.Sample;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Samples and sums read out of a node's Prometheus text, and the text refused when it is not exposition text. */
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
        PrometheusText scrape = PrometheusText.parse(TEXT);
        assertThat(scrape.sum("hookbridge_inbound_accepted_total", "source", "bench", "duplicate", "false")).isEqualTo(1234.0);
        assertThat(scrape.sum("hookbridge_inbound_accepted_total", "source", "bench")).isEqualTo(1239.0);
        assertThat(scrape.sum("hookbridge_outbound_attempts_total", "outcome", "delivered")).isEqualTo(14.0);
        assertThat(scrape.matching("hookbridge_outbound_attempts_total", "endpoint", "ep1")).containsExactly(
                entry(new Sample("hookbridge_outbound_attempts_total", Map.of("endpoint", "ep1", "outcome", "delivered")), 10.0),
                entry(new Sample("hookbridge_outbound_attempts_total", Map.of("endpoint", "ep1", "outcome", "http_error")), 3.0));
    }

    @Test
    void readsSamplesWithATimestampAndWithoutLabels() {
        PrometheusText scrape = PrometheusText.parse(TEXT);
        assertThat(scrape.sum("hookbridge_inbound_processing_latency_seconds_count", "source", "bench")).isEqualTo(1200.0);
        assertThat(scrape.has("hookbridge_inbound_dead")).isTrue();
        assertThat(scrape.sum("hookbridge_inbound_dead")).isZero();
        assertThat(scrape.samples()).hasSize(8);
        assertThat(scrape.text()).isEqualTo(TEXT);
    }

    @Test
    void aTimestampBefore1970IsATimestamp() {
        assertThat(PrometheusText.parse("old_total{source=\"bench\"} 3 -1000\n").sum("old_total", "source", "bench")).isEqualTo(3.0);
    }

    @Test
    void aSeriesNotThereYetCountsZero() {
        PrometheusText scrape = PrometheusText.parse(TEXT);
        assertThat(scrape.sum("hookbridge_outbound_attempts_total", "endpoint", "ep3")).isZero();
        assertThat(scrape.has("hookbridge_outbound_attempts_total", "endpoint", "ep3")).isFalse();
        assertThat(scrape.sum("no_such_metric")).isZero();
    }

    @Test
    void aNamePrefixIsNotTheName() {
        assertThat(PrometheusText.parse(TEXT).sum("hookbridge_inbound_accepted")).isZero();
    }

    @Test
    void readsTheSpecialValuesAndEscapedLabelValues() {
        PrometheusText scrape = PrometheusText.parse(String.join("\r\n",
                "  # an indented comment",
                "gauge{check=\"db\"} NaN",
                "latency_bucket{le=\"+Inf\",} +Inf",
                "lowest -Inf",
                "path{value=\"a \\\"quoted\\\" \\\\ back\\nslash, {with} = signs\"} 1",
                ""));
        assertThat(scrape.sum("gauge", "check", "db")).isNaN();
        assertThat(scrape.sum("latency_bucket", "le", "+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(scrape.sum("lowest")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(scrape.sum("path", "value", "a \"quoted\" \\ back\nslash, {with} = signs")).isEqualTo(1.0);
    }

    @Test
    void aLineThatIsNotASampleFailsTheParseNamingTheLine() {
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE x counter\nx 1\nthis is not exposition text\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 3 of the Prometheus text is not a valid sample (not name{labels} value [timestamp]): this is not exposition text");
        assertThatThrownBy(() -> PrometheusText.parse("x{a=\"1\"} one\n"))
                .hasMessage("line 1 of the Prometheus text is not a valid sample (the value one is not a number): x{a=\"1\"} one");
        assertThatThrownBy(() -> PrometheusText.parse("x{a=\"1\" b=\"2\"} 1\n"))
                .hasMessageStartingWith("line 1 of the Prometheus text is not a valid sample (unreadable labels from ");
        assertThatThrownBy(() -> PrometheusText.parse("x{a=1} 1\n"))
                .hasMessageStartingWith("line 1 of the Prometheus text is not a valid sample (unreadable labels from ");
        assertThatThrownBy(() -> PrometheusText.parse("x{a=\"1\",a=\"2\"} 1\n"))
                .hasMessageContaining("(label a twice)");
        assertThatThrownBy(() -> PrometheusText.parse("x 1 12:00\n"))
                .hasMessageContaining("(not name{labels} value [timestamp])");
    }

    @Test
    void aSeriesTwiceFailsTheParse() {
        assertThatThrownBy(() -> PrometheusText.parse("x{a=\"1\",b=\"2\"} 1\nx{b=\"2\",a=\"1\"} 2\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2 of the Prometheus text is not a valid sample (a series already read): x{b=\"2\",a=\"1\"} 2");
    }

    @Test
    void labelsComeInPairs() {
        assertThatThrownBy(() -> PrometheusText.parse(TEXT).sum("hookbridge_inbound_accepted_total", "source"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
