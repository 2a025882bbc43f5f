package dev.hookbridge.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one HTTP attempt gave: the status (null when no response came), the time it took, the first
 * 4 KiB of the response, the error when it failed (before a response, or while the answer was still
 * coming: then with its status), and a Retry-After if any.
 */
public record AttemptResult(Instant attemptedAt, Integer statusCode, long latencyMillis, String responseExcerpt,
                            String error, Optional<Duration> retryAfter) {

    public boolean delivered() {
        return error == null && statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public boolean gone() {
        return statusCode != null && statusCode == 410;
    }

    /** The failure for logs: the status, if a response came, and the error. */
    public String describe() {
        if (statusCode == null) {
            return error;
        }
        return "HTTP " + statusCode + (error == null ? "" : ": " + error);
    }

    /** What a failed attempt leaves as its delivery's last error: the error, or else the status it answered. */
    public String lastError() {
        return error != null ? error : describe();
    }
}
