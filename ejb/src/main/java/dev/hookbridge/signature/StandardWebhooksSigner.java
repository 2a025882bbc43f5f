package dev.hookbridge.signature;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs outbound webhooks per Standard Webhooks: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}
 * with the base64-decoded part of each {@code whsec_} secret, one entry per active secret (rotation),
 * separated by spaces. The same scheme {@link StandardWebhooksSignatureScheme} verifies inbound.
 */
public final class StandardWebhooksSigner {

    private StandardWebhooksSigner() {
    }

    public static String sign(List<String> secrets, String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        return secrets.stream()
                .map(secret -> SigningKeys.decodeStandardWebhooks(secret)
                        .orElseThrow(() -> new IllegalStateException("an endpoint secret is not 'whsec_' + base64")))
                .map(key -> "v1," + Base64.getEncoder().encodeToString(Hmac.SHA_256.compute(key, prefix, body)))
                .collect(Collectors.joining(" "));
    }
}
