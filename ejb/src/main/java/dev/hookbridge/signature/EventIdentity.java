package dev.hookbridge.signature;

import java.util.Objects;

/**
 * The event an inbound request carries: its id (the de-duplication key within a source) and its
 * type, which is {@code null} when the provider does not say.
 */
public record EventIdentity(String eventId, String eventType) {

    public EventIdentity {
        Objects.requireNonNull(eventId, "eventId");
    }
}
