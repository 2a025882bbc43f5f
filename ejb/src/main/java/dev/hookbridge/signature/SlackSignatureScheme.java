package dev.hookbridge.signature;

import dev.hookbridge.common.Sha256;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex>} is the HMAC-SHA256 of {@code v0:<ts>:<body>} with
 * {@code ts} from {@code X-Slack-Request-Timestamp}; the event id is the body's {@code event_id},
 * else a hash of the body, and its type {@code event.type}, else {@code type}.
 */
final class SlackSignatureScheme implements SignatureScheme {

    static final String NAME = "slack";
    private static final String SIGNATURE_HEADER = "X-Slack-Signature";
    private static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    private static final String VERSION = "v0";
    private static final String URL_VERIFICATION = "url_verification";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void verify(SignedRequest request, List<String> secrets, Duration tolerance, Instant now)
            throws SignatureException {
        String signature = request.signatureHeader(SIGNATURE_HEADER);
        String timestamp = request.signatureHeader(TIMESTAMP_HEADER);
        String prefix = VERSION + "=";
        if (!signature.startsWith(prefix)) {
            throw new SignatureException(SIGNATURE_HEADER + " is not a " + prefix + " signature");
        }
        long signedAt = TimestampWindow.parse(timestamp);
        List<byte[]> candidates = SignatureEncoding.HEX.decode(signature.substring(prefix.length()))
                .map(List::of).orElse(List.of());
        Hmac.SHA_256.requireMatch(SigningKeys.utf8(secrets), candidates,
                (VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8), request.body());
        TimestampWindow.requireWithin(signedAt, tolerance, now);
    }

    /**
     * Slash commands and interactivity carry no {@code event_id}; Slack retries them with the same
     * body, so a hash of the body de-duplicates those retries.
     */
    @Override
    public Set<String> signatureHeaders() {
        return Set.of(SIGNATURE_HEADER.toLowerCase(Locale.ROOT));
    }

    @Override
    public EventIdentity identify(SignedRequest request, WebhookPayload payload) {
        String id = payload.text("/event_id").filter(text -> !text.isBlank())
                .orElseGet(() -> "sha256:" + sha256Hex(request.body()));
        String type = payload.text("/event/type").or(() -> payload.text("/type")).orElse(null);
        return new EventIdentity(id, type);
    }

    @Override
    public Optional<String> handshakeChallenge(WebhookPayload payload) {
        if (payload.text("/type").filter(URL_VERIFICATION::equals).isEmpty()) {
            return Optional.empty();
        }
        return payload.text("/challenge");
    }

    private static String sha256Hex(byte[] body) {
        return HexFormat.of().formatHex(Sha256.of(body));
    }
}
