package dev.hookbridge.portal;

import dev.hookbridge.common.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Portal tokens: {@code hbp_} and 32 random bytes in base64url. The prefix lets secret scanners and
 * people recognise one; the format check turns away anything else before the database is asked.
 */
final class PortalTokens {

    static final String PREFIX = "hbp_";
    private static final int RANDOM_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("hbp_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PortalTokens() {
    }

    static String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean wellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    /** What the database keeps of a token. */
    static byte[] sha256(String token) {
        return Sha256.of(token.getBytes(StandardCharsets.US_ASCII));
    }
}
