package dev.hookbridge.it;

import dev.hookbridge.it.handlers.TestEventHandlers;
import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Management;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Providers;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.PrometheusText;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Signer;
import dev.hookbridge.testsupport.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus text at {@code :9990/metrics} after real traffic: each application series is named
 * and labelled as docs/operations.md ("Metrics") says, and moves by exactly the traffic the test
 * drove (each test uses its own source and endpoints, so the series it reads are its own). Gauges
 * are refreshed every few seconds and are shared by the whole stack, so they are awaited to move by
 * at least the test's share.
 */
@SystemTest
class MetricsIT {

    private static final Duration GAUGE_LIMIT = Duration.ofSeconds(30);

    @Test
    void inboundCountersMoveByExactlyTheWebhooksSent() {
        String source = Fixtures.uniqueName("metrics");
        String secret = Fixtures.createStandardSource(source);
        String unknown = Fixtures.uniqueName("nosuchsource");
        PrometheusText before = Management.scrape();

        for (String id : List.of("m-1", "m-2", "m-3")) {
            assertThat(Fixtures.sendStandard(source, secret, id, Fixtures.standardBody("metrics.test")).status()).isEqualTo(200);
        }
        Reply duplicate = Fixtures.sendStandard(source, secret, "m-1", Fixtures.standardBody("metrics.test"));
        assertThat(duplicate.json().getBoolean("duplicate")).isTrue();
        String wrongSecret = Signer.newStandardSecret();
        for (String id : List.of("bad-1", "bad-2")) {
            assertThat(Fixtures.sendStandard(source, wrongSecret, id, Fixtures.standardBody("metrics.test")).status()).isEqualTo(401);
        }
        assertThat(Providers.post(dev.hookbridge.it.support.Http.anonymous(), source, "text/plain", "hello").status()).isEqualTo(415);
        assertThat(Fixtures.sendStandard(unknown, secret, "u-1", Fixtures.standardBody("metrics.test")).status()).isEqualTo(404);

        PrometheusText after = Management.scrape();
        assertThat(delta(before, after, "hookbridge_inbound_accepted_total", "source", source, "duplicate", "false")).isEqualTo(3);
        assertThat(delta(before, after, "hookbridge_inbound_accepted_total", "source", source, "duplicate", "true")).isEqualTo(1);
        assertThat(delta(before, after, "hookbridge_inbound_rejected_total", "source", source, "reason", "invalid_signature")).isEqualTo(2);
        assertThat(delta(before, after, "hookbridge_inbound_rejected_total", "source", source, "reason", "unsupported_media_type")).isEqualTo(1);
        assertThat(delta(before, after, "hookbridge_inbound_rejected_total", "source", "_unknown", "reason", "unknown_source")).isEqualTo(1);
        // An unknown source name never becomes a label value (any path would make a new series).
        assertThat(after.text()).doesNotContain(unknown);

        // Processing latency: one observation per processed event, duplicates not counted again.
        PrometheusText processed = Waits.await("3 processing latencies of " + source).until(Management::scrape,
                s -> s.sum("hookbridge_inbound_processing_latency_seconds_count", "source", source) >= 3);
        assertThat(processed.sum("hookbridge_inbound_processing_latency_seconds_count", "source", source)).isEqualTo(3);
        assertThat(processed.sum("hookbridge_inbound_processing_latency_histogram_total", "source", source, "le", "+Inf")).isEqualTo(3);
        assertThat(processed.sum("hookbridge_inbound_processing_latency_seconds_sum", "source", source)).isPositive();
    }

    @Test
    void outboundAttemptsAndLatenciesByEndpointAndOutcome() {
        try (Receiver ok = Receiver.start(); Receiver failing = Receiver.start()) {
            failing.otherwise(Receiver.Answer.of(500));
            String okType = Outbound.uniqueType("metrics.ok");
            String failingType = Outbound.uniqueType("metrics.failing");
            String okEndpoint = Outbound.createEndpoint(ok.url(), okType).getString("id");
            String failingEndpoint = Outbound.createEndpoint(failing.url(), failingType).getString("id");
            PrometheusText before = Management.scrape();
            double deadBefore = awaitGaugeValue("hookbridge_outbound_deliveries", "status", "DEAD");

            String okEvent = Outbound.publish(okType);
            String failingEvent = Outbound.publish(failingType);
            Outbound.awaitDelivery(Outbound.deliveryId(okEvent, okEndpoint), "DELIVERED");
            // The tests' retry schedule has 3 delays: 4 attempts, then DEAD.
            Outbound.awaitDelivery(Outbound.deliveryId(failingEvent, failingEndpoint), "DEAD");

            PrometheusText after = Waits.await("the 4th failed attempt to be counted").until(Management::scrape,
                    s -> s.sum("hookbridge_outbound_attempts_total", "endpoint", failingEndpoint) >= 4);
            assertThat(after.sum("hookbridge_outbound_attempts_total", "endpoint", okEndpoint, "outcome", "delivered")).isEqualTo(1);
            assertThat(after.sum("hookbridge_outbound_attempts_total", "endpoint", failingEndpoint, "outcome", "http_error")).isEqualTo(4);
            assertThat(after.has("hookbridge_outbound_attempts_total", "endpoint", failingEndpoint, "outcome", "delivered")).isFalse();

            assertThat(after.sum("hookbridge_outbound_attempt_duration_seconds_count", "endpoint", okEndpoint, "outcome", "delivered")).isEqualTo(1);
            assertThat(after.sum("hookbridge_outbound_attempt_duration_histogram_total", "endpoint", failingEndpoint, "outcome", "http_error", "le", "+Inf")).isEqualTo(4);
            assertThat(after.matching("hookbridge_outbound_attempt_duration_histogram_total", "endpoint", okEndpoint))
                    .as("histogram buckets").hasSizeGreaterThan(5);
            assertThat(after.sum("hookbridge_outbound_delivery_latency_seconds_count", "endpoint", okEndpoint)).isEqualTo(1);
            assertThat(after.has("hookbridge_outbound_delivery_latency_seconds_count", "endpoint", failingEndpoint)).isFalse();

            assertThat(delta(before, after, "hookbridge_dispatcher_pass_seconds_count")).isPositive();

            Waits.await("the DEAD deliveries gauge to count the dead delivery").atMost(GAUGE_LIMIT).until(Management::scrape,
                    s -> s.sum("hookbridge_outbound_deliveries", "status", "DEAD") >= deadBefore + 1);
        }
    }

    @Test
    void pendingGaugeCountsDeliveriesWaitingForADisabledEndpoint() {
        try (Receiver receiver = Receiver.start()) {
            String type = Outbound.uniqueType("metrics.pending");
            String endpoint = Outbound.createEndpoint(Outbound.endpoint(receiver.url(), type).add("enabled", false)).getString("id");
            double pendingBefore = awaitGaugeValue("hookbridge_outbound_deliveries", "status", "PENDING");
            Outbound.publish(type);
            Outbound.publish(type);
            Waits.await("the PENDING deliveries gauge to count 2 more").atMost(GAUGE_LIMIT).until(Management::scrape,
                    s -> s.sum("hookbridge_outbound_deliveries", "status", "PENDING") >= pendingBefore + 2);
            assertThat(dev.hookbridge.it.support.Http.admin().delete("/api/endpoints/" + endpoint).status()).isEqualTo(204);
        }
    }

    @Test
    void dlqDepthAndDeadInboxEventsFollowAPoisonEvent() {
        String source = Fixtures.uniqueName("metricsdlq");
        String secret = Fixtures.createStandardSource(source);
        double dlqBefore = awaitGaugeValue("hookbridge_inbound_dlq_depth", "queue", "DLQ.webhooks.inbound");
        double deadBefore = awaitGaugeValue("hookbridge_inbound_dead");

        Reply accepted = Fixtures.sendStandard(source, secret, "poison-1", Fixtures.standardBody(TestEventHandlers.POISON));
        assertThat(accepted.status()).isEqualTo(200);
        // The test broker's redelivery delays (0.1 + 0.2 + 0.4 + 0.8 s) before the 5th and last delivery fails.
        Waits.await("the poison event to be DEAD").atMost(Duration.ofSeconds(90))
                .until(() -> Fixtures.inboxDetail(accepted.json().getString("inboxId")), row -> "DEAD".equals(row.getString("status")));

        Waits.await("the DLQ depth and DEAD inbox gauges to count the poison event").atMost(GAUGE_LIMIT).until(Management::scrape,
                s -> s.sum("hookbridge_inbound_dlq_depth", "queue", "DLQ.webhooks.inbound") >= dlqBefore + 1
                        && s.sum("hookbridge_inbound_dead") >= deadBefore + 1);
    }

    @Test
    void theServersOwnMetricsAreStillServed() {
        PrometheusText scrape = Management.scrape();
        // WildFly's subsystem metrics come through Micrometer too (exposed-subsystems=*), e.g. the datasource pool.
        assertThat(scrape.samples().keySet()).anySatisfy(sample -> assertThat(sample.name()).startsWith("datasources_"));
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    /** A gauge's value once it is a number (NaN while its last refresh failed, absent before the first). */
    private static double awaitGaugeValue(String name, String... labels) {
        PrometheusText scrape = Waits.await(name + " to be a number").atMost(GAUGE_LIMIT).until(Management::scrape,
                s -> s.has(name, labels) && !Double.isNaN(s.sum(name, labels)));
        return scrape.sum(name, labels);
    }
}
