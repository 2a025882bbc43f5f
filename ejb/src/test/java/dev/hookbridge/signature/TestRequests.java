package dev.hookbridge.signature;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds requests for the tests and signs content independently of the code under test. */
final class TestRequests {

    private TestRequests() {
    }

    /** A request with the body's UTF-8 bytes and headers given as name, value, name, value… */
    static SignedRequest request(String body, String... namesAndValues) {
        return request(body.getBytes(StandardCharsets.UTF_8), namesAndValues);
    }

    static SignedRequest request(byte[] body, String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return new SignedRequest(body, headers);
    }

    /** The body with its byte at {@code index} changed by one bit. */
    static byte[] tampered(String body, int index) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        bytes[index] ^= 0x01;
        return bytes;
    }

    static WebhookPayload json(String body) throws MalformedPayloadException {
        return WebhookPayload.parse(body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    static WebhookPayload form(String body) throws MalformedPayloadException {
        return WebhookPayload.parse(body.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    static String hmacSha256Hex(String key, String content) {
        return HexFormat.of().formatHex(hmac("HmacSHA256", key.getBytes(StandardCharsets.UTF_8), content));
    }

    static String hmacBase64(String algorithm, byte[] key, String content) {
        return Base64.getEncoder().encodeToString(hmac(algorithm, key, content));
    }

    static byte[] hmac(String algorithm, byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
