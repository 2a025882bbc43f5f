package dev.hookbridge.portal;

import java.time.Instant;

/** A portal session as the API shows it when it is opened: the token is shown this once, never stored. */
public record PortalSession(String token, String customer, Instant expiresAt) {
}
