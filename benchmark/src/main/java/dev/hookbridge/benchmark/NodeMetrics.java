package dev.hookbridge.benchmark;

import dev.hookbridge.testsupport.PrometheusText;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One node's {@code /metrics} on its management port, read anonymously as Prometheus reads it: how much
 * of the cluster's work this node did comes from its own counters, not from the balancer.
 */
final class NodeMetrics {

    /**
     * Counted only with the transaction manager's statistics on ({@link #STATISTICS_SETTING}); the
     * intake's and processing's transactions are two-phase, each writing one transaction-log record
     * and committing the broker once.
     */
    private static final String COMMITTED_TRANSACTIONS = "transactions_number_of_committed_transactions_total";
    /** The system property that turns the transaction manager's statistics on (standalone-full.xml reads it). */
    static final String STATISTICS_SETTING = "wildfly.transactions.statistics-enabled";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String metricsUrl;
    private final String endpointId;

    NodeMetrics(String managementUrl, String endpointId) {
        this.metricsUrl = managementUrl + "/metrics";
        this.endpointId = endpointId;
    }

    NodeCounters read() {
        String text;
        try {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException(metricsUrl + " answered " + reply.statusCode());
            }
            text = reply.body();
        } catch (IOException e) {
            throw new IllegalStateException(metricsUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        PrometheusText scrape;
        try {
            scrape = PrometheusText.parse(text);
        } catch (IllegalArgumentException e) {
            // Which of the nodes served the broken text.
            throw new IllegalStateException(metricsUrl + ": " + e.getMessage(), e);
        }
        if (!scrape.has(COMMITTED_TRANSACTIONS)) {
            throw new IllegalStateException(metricsUrl + " has no " + COMMITTED_TRANSACTIONS);
        }
        return new NodeCounters(
                scrape.sum("hookbridge_inbound_accepted_total", "source", GatewayClient.SOURCE, "duplicate", "false"),
                scrape.sum("hookbridge_inbound_processing_latency_seconds_count", "source", GatewayClient.SOURCE),
                scrape.sum("hookbridge_outbound_attempts_total", "endpoint", endpointId, "outcome", "delivered"),
                scrape.sum(COMMITTED_TRANSACTIONS));
    }
}
