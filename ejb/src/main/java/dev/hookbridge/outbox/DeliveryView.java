package dev.hookbridge.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A delivery as the API shows it. {@code attempts} (every attempt, oldest first) and {@code request}
 * are filled in when one delivery is asked for, and null in lists. {@code customer} is that of the
 * event (null for the shop's own).
 */
public record DeliveryView(String id, String eventId, String eventType, Integer version, String endpointId, String customer,
                           String status, int attemptCount, Instant nextAttemptAt, Integer lastStatusCode, String lastError,
                           Instant createdAt, Instant deliveredAt, List<AttemptView> attempts, RequestView request) {

    /** One HTTP attempt: when, the status code (null when no response came), the time, the first 4 KiB of the answer, the error. */
    public record AttemptView(Instant attemptedAt, Integer statusCode, int latencyMs, String response, String error) {
    }

    /**
     * The request every attempt sends: the endpoint's URL (null once the endpoint is deleted), the
     * headers that are the same on every attempt (the endpoint's own with hidden values), and the
     * body. {@code webhook-timestamp} and {@code webhook-signature} are made anew at each attempt.
     */
    public record RequestView(String method, String url, Map<String, String> headers, String body) {
    }
}
