package dev.hookbridge.signature;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stripe: {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]} is the hex HMAC-SHA256 of
 * {@code <t>.<body>} under the secret's UTF-8 bytes ({@code whsec_} included); the event is the
 * body's {@code id} and {@code type}.
 */
final class StripeSignatureScheme implements SignatureScheme {

    static final String NAME = "stripe";
    private static final String HEADER = "Stripe-Signature";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void verify(SignedRequest request, List<String> secrets, Duration tolerance, Instant now)
            throws SignatureException {
        String header = request.signatureHeader(HEADER);
        String timestamp = null;
        int v1Count = 0;
        List<byte[]> candidates = new ArrayList<>();
        for (String element : header.split(",")) {
            int eq = element.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = element.substring(0, eq).strip();
            String value = element.substring(eq + 1).strip();
            if (key.equals("t") && timestamp == null) {
                timestamp = value;
            } else if (key.equals("v1")) {
                // Other keys (v0 test-mode signatures, future schemes) are ignored, as Stripe asks.
                v1Count++;
                SignatureEncoding.HEX.decode(value).ifPresent(candidates::add);
            }
        }
        if (timestamp == null) {
            throw new SignatureException(HEADER + " has no timestamp (t=)");
        }
        if (v1Count == 0) {
            throw new SignatureException(HEADER + " has no v1 signature");
        }
        long signedAt = TimestampWindow.parse(timestamp);
        Hmac.SHA_256.requireMatch(SigningKeys.utf8(secrets), candidates,
                (timestamp + ".").getBytes(StandardCharsets.UTF_8), request.body());
        TimestampWindow.requireWithin(signedAt, tolerance, now);
    }

    @Override
    public Set<String> signatureHeaders() {
        return Set.of(HEADER.toLowerCase(Locale.ROOT));
    }

    @Override
    public EventIdentity identify(SignedRequest request, WebhookPayload payload)
            throws MalformedPayloadException {
        return new EventIdentity(EventIdLookup.fromBody(payload, "/id"), payload.text("/type").orElse(null));
    }
}
