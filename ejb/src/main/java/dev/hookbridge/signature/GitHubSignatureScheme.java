package dev.hookbridge.signature;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub: {@code X-Hub-Signature-256: sha256=<hex>} is the HMAC-SHA256 of the body (no timestamp);
 * the event id is {@code X-GitHub-Delivery} and its type {@code X-GitHub-Event}, followed by
 * {@code .<action>} when the body has one (for example {@code issues.opened}).
 */
final class GitHubSignatureScheme implements SignatureScheme {

    static final String NAME = "github";
    private static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    /** The SHA-1 signature GitHub still sends beside the SHA-256 one; not checked, but not stored either. */
    private static final String SHA1_SIGNATURE_HEADER = "X-Hub-Signature";
    private static final String SIGNATURE_PREFIX = "sha256=";
    private static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    private static final String EVENT_HEADER = "X-GitHub-Event";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void verify(SignedRequest request, List<String> secrets, Duration tolerance, Instant now)
            throws SignatureException {
        String header = request.signatureHeader(SIGNATURE_HEADER);
        if (!header.regionMatches(true, 0, SIGNATURE_PREFIX, 0, SIGNATURE_PREFIX.length())) {
            throw new SignatureException(SIGNATURE_HEADER + " is not a " + SIGNATURE_PREFIX + " signature");
        }
        List<byte[]> candidates = SignatureEncoding.HEX.decode(header.substring(SIGNATURE_PREFIX.length()))
                .map(List::of).orElse(List.of());
        Hmac.SHA_256.requireMatch(SigningKeys.utf8(secrets), candidates, request.body());
    }

    @Override
    public Set<String> signatureHeaders() {
        return Set.of(SIGNATURE_HEADER.toLowerCase(Locale.ROOT), SHA1_SIGNATURE_HEADER.toLowerCase(Locale.ROOT));
    }

    /** The delivery id and the event name come from headers the signature does not cover. */
    @Override
    public EventIdentity identify(SignedRequest request, WebhookPayload payload)
            throws MalformedPayloadException {
        String id = EventIdLookup.fromHeader(request, DELIVERY_HEADER);
        Optional<String> event = request.header(EVENT_HEADER);
        Optional<String> action = payload.text("/action").filter(text -> !text.isBlank());
        String type = event.map(name -> action.map(verb -> name + "." + verb).orElse(name)).orElse(null);
        return new EventIdentity(id, type, false, event.isEmpty());
    }
}
