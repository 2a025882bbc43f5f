package dev.hookbridge.web.api;

import jakarta.ws.rs.core.CacheControl;

/** Answers that carry a secret or a token, shown once: no cache (browser, proxy) may keep them. */
final class NotStored {

    static final CacheControl CACHE_CONTROL = CacheControl.valueOf("no-store");

    private NotStored() {
    }
}
