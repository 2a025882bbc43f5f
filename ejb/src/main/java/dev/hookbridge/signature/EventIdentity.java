package dev.hookbridge.signature;

import java.util.Objects;

/**
 * The event an inbound request carries: its id (the de-duplication key within a source) and its
 * type, which is {@code null} when the provider does not say. {@code idSigned} and {@code typeSigned}
 * say whether each was read from what the signature covers; one taken from an unsigned header can be
 * changed by anyone who replays the request.
 */
public record EventIdentity(String eventId, String eventType, boolean idSigned, boolean typeSigned) {

    public EventIdentity {
        Objects.requireNonNull(eventId, "eventId");
    }

    /** An identity read entirely from signed content. */
    public EventIdentity(String eventId, String eventType) {
        this(eventId, eventType, true, true);
    }
}
