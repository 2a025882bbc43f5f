package dev.hookbridge.testsupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Signs test webhooks the way each provider does, with its own HMAC code (independent of the product's). */
public final class Signer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Signer() {
    }

    /** HMAC of the parts, in order, under the key. */
    public static byte[] hmac(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Standard Webhooks: "v1," + base64(HMAC-SHA256(base64decode(secret after whsec_), id.ts.body)). */
    public static String standard(String secret, String id, long timestamp, String body) {
        return standard(secret, id, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same over the raw bytes of the body. */
    public static String standard(String secret, String id, long timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        return "v1," + Base64.getEncoder().encodeToString(
                hmac("HmacSHA256", key, (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body));
    }

    /** Stripe: "t=ts,v1=" + hex(HMAC-SHA256(secret bytes, ts.body)). */
    public static String stripe(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(
                hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), (timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    /** GitHub: "sha256=" + hex(HMAC-SHA256(secret bytes, body)). */
    public static String github(String secret, String body) {
        return "sha256=" + HexFormat.of().formatHex(
                hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Slack: "v0=" + hex(HMAC-SHA256(secret bytes, "v0:ts:body")). */
    public static String slack(String secret, long timestamp, String body) {
        return "v0=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8),
                ("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The generic hmac scheme: prefix + HMAC of the body under the secret's UTF-8 bytes, hex or base64.
     *
     * @param algorithm "SHA-256" or "SHA-512", as the source option names it
     */
    public static String generic(String algorithm, boolean base64, String prefix, String secret, String body) {
        byte[] mac = hmac("Hmac" + algorithm.replace("-", ""), secret.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8));
        return prefix + (base64 ? Base64.getEncoder().encodeToString(mac) : HexFormat.of().formatHex(mac));
    }

    /** A fresh random secret for the schemes that use the secret's UTF-8 bytes (stripe, github, slack, hmac). */
    public static String newSecret(String prefix) {
        return prefix + HexFormat.of().formatHex(randomKey());
    }

    /** A fresh Standard Webhooks secret. */
    public static String newStandardSecret() {
        return "whsec_" + Base64.getEncoder().encodeToString(randomKey());
    }

    private static byte[] randomKey() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return key;
    }
}
