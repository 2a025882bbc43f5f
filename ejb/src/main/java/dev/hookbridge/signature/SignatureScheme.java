package dev.hookbridge.signature;

import java.nio.charset.StandardCharsets;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One provider's way of signing webhooks and naming their events (docs/inbound.md, "Signature
 * schemes"); implementations are immutable and safe to share between threads.
 */
public interface SignatureScheme {

    /** The scheme's configuration name: "stripe", "github", "slack", "standard" or "hmac". */
    String name();

    /**
     * Passes when a signature in the request was made over the raw body by one of the active
     * secrets. Timestamped schemes also reject timestamps further than {@code tolerance} from
     * {@code now}, in either direction; the others ignore both arguments.
     *
     * @throws SignatureException with a short reason (for example "no Stripe-Signature header",
     *     "timestamp outside tolerance", "no signature matched")
     */
    void verify(SignedRequest request, List<String> secrets, Duration tolerance, Instant now)
            throws SignatureException;

    /**
     * The headers that carry the signature, in lower case: never stored or shown with the event, since
     * anyone who sees one can replay the request for as long as the scheme accepts it.
     */
    Set<String> signatureHeaders();

    /**
     * The event's id (de-duplication key) and type per docs/inbound.md, "Signature schemes".
     *
     * @throws MalformedPayloadException naming what is missing when the scheme needs an id and
     *     none is there, for example "no event id: body field 'id' is missing"
     */
    EventIdentity identify(SignedRequest request, WebhookPayload payload)
            throws MalformedPayloadException;

    /**
     * A provider handshake to answer with instead of storing the request (Slack's
     * {@code url_verification} answers its challenge); empty for ordinary events.
     */
    default Optional<String> handshakeChallenge(WebhookPayload payload) {
        return Optional.empty();
    }

    /**
     * Checks a secret before it is stored on a source, so that a secret this scheme cannot use is
     * refused at configuration time rather than failing every request later.
     *
     * @throws IllegalArgumentException saying why the secret is unusable (never echoing it)
     */
    default void validateSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a secret must be at least " + MIN_SECRET_BYTES + " bytes long");
        }
    }

    /** The shortest secret a source accepts: shorter ones can be guessed by trying. */
    int MIN_SECRET_BYTES = 16;
}
