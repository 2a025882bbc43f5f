package dev.hookbridge.inbox;

import java.time.Instant;

/**
 * What an inbox list is narrowed to; any part may be null (no filter). {@code type} is an exact
 * event type or a prefix ending in {@code *}; {@code since} is inclusive, {@code until} exclusive.
 */
public record InboxFilter(String source, String status, String type, Instant since, Instant until) {
}
