package dev.hookbridge.portal;

import java.time.Instant;

/**
 * Who presents a valid portal token: one customer, until the session expires. {@code customerSince}
 * is when the customer was created: what was published for an earlier customer of the same id (whose
 * history outlives its deletion) is not this one's.
 */
public record PortalCaller(String customer, String customerName, Instant expiresAt, Instant customerSince) {
}
