package dev.hookbridge.portal;

import java.time.Instant;

/** Who presents a valid portal token: one customer, until the session expires. */
public record PortalCaller(String customer, String customerName, Instant expiresAt) {
}
