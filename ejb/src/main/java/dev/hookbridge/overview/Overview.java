package dev.hookbridge.overview;

import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;
import java.util.List;

/**
 * The state of Hookbridge over a time window {@code [from, to)}, as totals and as a series of
 * equal buckets for charts. Inbound counts are the events received in the window by their status
 * now; outbound counts are deliveries delivered or dead in the window, and those created in it that
 * are still pending. {@code pendingNow} and {@code oldestPending} are about the whole backlog.
 */
@JsonbNillable
public record Overview(Instant from, Instant to, long bucketSeconds, Inbound inbound, Outbound outbound,
                       List<Bucket> series, long pendingNow, OldestPending oldestPending,
                       List<FailingEndpoint> failingEndpoints) {

    /** Inbound events received in the window: all of them, and how many are now processed, waiting, dead. */
    public record Inbound(long accepted, long processed, long received, long dead) {
    }

    /** Deliveries delivered and dead in the window, and those created in it still pending. */
    public record Outbound(long delivered, long pending, long dead) {
    }

    /** One bucket of the series, starting at {@code start} and {@code bucketSeconds} long. */
    public record Bucket(Instant start, long inboundAccepted, long inboundProcessed, long inboundDead,
                         long outboundDelivered, long outboundPending, long outboundDead) {
    }

    /** The pending delivery waiting longest. */
    public record OldestPending(String deliveryId, String eventId, String endpointId, Instant createdAt, long ageSeconds) {
    }

    /** An endpoint whose last attempt failed. */
    @JsonbNillable
    public record FailingEndpoint(String id, String url, boolean enabled, String disabledReason, Instant failingSince,
                                  int consecutiveFailures, Instant lastFailureAt, Instant lastSuccessAt) {
    }
}
