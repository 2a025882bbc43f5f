package dev.hookbridge.outbox;

/**
 * An event to publish: its type, its data (JSON text), and optionally the caller's id and
 * idempotency key, which make a repeated request return the first event instead of a second one.
 */
public record PublishRequest(String type, String data, String id, String idempotencyKey) {

    public static PublishRequest of(String type, String data) {
        return new PublishRequest(type, data, null, null);
    }
}
