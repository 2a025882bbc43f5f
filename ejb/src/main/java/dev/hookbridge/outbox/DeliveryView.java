package dev.hookbridge.outbox;

import java.time.Instant;
import java.util.List;

/**
 * A delivery as the API shows it. {@code attempts} (every attempt, oldest first) is filled in when
 * one delivery is asked for, and null in lists.
 */
public record DeliveryView(String id, String eventId, String eventType, Integer version, String endpointId, String status,
                           int attemptCount, Instant nextAttemptAt, Integer lastStatusCode, String lastError,
                           Instant createdAt, Instant deliveredAt, List<AttemptView> attempts) {

    /** One HTTP attempt: when, the status code (null when no response came), the time, the first 4 KiB of the answer, the error. */
    public record AttemptView(Instant attemptedAt, Integer statusCode, int latencyMs, String response, String error) {
    }
}
