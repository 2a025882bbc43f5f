package dev.hookbridge.endpoint;

import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;

/**
 * How an endpoint is doing, as the API shows it: attempts and successes over the last 24 hours
 * (success rate null when there were none), its last success and failure, how many attempts failed
 * in a row since the last success, and since when it fails (null when its last attempt succeeded).
 */
@JsonbNillable
public record EndpointHealth(Double successRate, long attemptsLastDay, long successesLastDay, Instant lastSuccessAt,
                             Instant lastFailureAt, int consecutiveFailures, Instant failingSince) {

    static EndpointHealth of(Endpoint e, long attempts, long successes) {
        return new EndpointHealth(attempts == 0 ? null : (double) successes / attempts, attempts, successes,
                e.getLastSuccessAt(), e.getLastFailureAt(), e.getConsecutiveFailures(), e.getFailingSince());
    }
}
