package dev.hookbridge.signature;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Reads a signed Unix timestamp and rejects one further than the tolerance from now, in either direction.
 *
 * <p>Schemes apply it after the signature matched, so that a genuine but late (or clock-skewed)
 * delivery is reported as a time problem rather than as a wrong secret.
 */
final class TimestampWindow {

    // Eighteen digits keep every subtraction below far from overflow.
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,18}");

    private TimestampWindow() {
    }

    /** The timestamp's seconds since the epoch; anything but plain digits is refused. */
    static long parse(String unixSeconds) throws SignatureException {
        if (!UNIX_SECONDS.matcher(unixSeconds).matches()) {
            throw new SignatureException("timestamp is not a number");
        }
        return Long.parseLong(unixSeconds);
    }

    /** Passes when the timestamp is at most {@code tolerance} before or after {@code now}. */
    static void requireWithin(long unixSeconds, Duration tolerance, Instant now) throws SignatureException {
        if (tolerance == null || tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must be zero or positive");
        }
        long skew = Math.abs(now.getEpochSecond() - unixSeconds);
        if (skew > tolerance.getSeconds()) {
            throw new SignatureException("timestamp outside tolerance of " + tolerance.getSeconds()
                    + " s (" + skew + " s " + (unixSeconds < now.getEpochSecond() ? "old" : "ahead") + ")");
        }
    }
}
