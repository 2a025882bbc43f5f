package dev.hookbridge.signature;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Standard Webhooks: {@code webhook-signature: v1,<base64>[ v1,<base64>…]} is the HMAC-SHA256 of
 * {@code <webhook-id>.<webhook-timestamp>.<body>} under the base64-decoded secret after
 * {@code whsec_}; the event id is {@code webhook-id} and its type the body's {@code type}.
 */
final class StandardWebhooksSignatureScheme implements SignatureScheme {

    static final String NAME = "standard";
    private static final String ID_HEADER = "webhook-id";
    private static final String TIMESTAMP_HEADER = "webhook-timestamp";
    private static final String SIGNATURE_HEADER = "webhook-signature";
    private static final String VERSION = "v1";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void verify(SignedRequest request, List<String> secrets, Duration tolerance, Instant now)
            throws SignatureException {
        String id = request.signatureHeader(ID_HEADER);
        String timestamp = request.signatureHeader(TIMESTAMP_HEADER);
        String signatures = request.signatureHeader(SIGNATURE_HEADER);
        int v1Count = 0;
        List<byte[]> candidates = new ArrayList<>();
        for (String entry : signatures.split("\\s+")) {
            int comma = entry.indexOf(',');
            // Other versions (v1a asymmetric signatures, future ones) are ignored, as the spec asks.
            if (comma > 0 && entry.substring(0, comma).equals(VERSION)) {
                v1Count++;
                SignatureEncoding.BASE64.decode(entry.substring(comma + 1)).ifPresent(candidates::add);
            }
        }
        if (v1Count == 0) {
            throw new SignatureException(SIGNATURE_HEADER + " has no " + VERSION + " signature");
        }
        long signedAt = TimestampWindow.parse(timestamp);
        Hmac.SHA_256.requireMatch(SigningKeys.standardWebhooks(secrets), candidates,
                (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), request.body());
        TimestampWindow.requireWithin(signedAt, tolerance, now);
    }

    @Override
    public Set<String> signatureHeaders() {
        return Set.of(SIGNATURE_HEADER);
    }

    /** The id header is part of the signed content (id, timestamp, body). */
    @Override
    public EventIdentity identify(SignedRequest request, WebhookPayload payload)
            throws MalformedPayloadException {
        return new EventIdentity(EventIdLookup.fromHeader(request, ID_HEADER), payload.text("/type").orElse(null));
    }

    @Override
    public void validateSecret(String secret) {
        var key = SigningKeys.decodeStandardWebhooks(secret);
        if (key.isEmpty()) {
            throw new IllegalArgumentException(
                    "a standard secret must be base64 after '" + SigningKeys.WHSEC_PREFIX + "'");
        }
        if (key.get().length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a standard secret must hold at least " + MIN_SECRET_BYTES
                    + " bytes (base64 after '" + SigningKeys.WHSEC_PREFIX + "')");
        }
    }
}
