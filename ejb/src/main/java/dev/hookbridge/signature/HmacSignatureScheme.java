package dev.hookbridge.signature;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The generic scheme for providers without their own: a configured header holds the HMAC
 * (SHA-256 or SHA-512, hex or base64, after an optional prefix) of the body under the secret's
 * UTF-8 bytes; the event id and type come from a configured header or body field.
 */
final class HmacSignatureScheme implements SignatureScheme {

    static final String NAME = "hmac";

    static final String HEADER = "header";
    static final String ALGORITHM = "algorithm";
    static final String ENCODING = "encoding";
    static final String PREFIX = "prefix";
    static final String EVENT_ID_HEADER = "eventIdHeader";
    static final String EVENT_ID_FIELD = "eventIdField";
    static final String EVENT_TYPE_HEADER = "eventTypeHeader";
    static final String EVENT_TYPE_FIELD = "eventTypeField";
    static final Set<String> OPTIONS = Set.of(HEADER, ALGORITHM, ENCODING, PREFIX,
            EVENT_ID_HEADER, EVENT_ID_FIELD, EVENT_TYPE_HEADER, EVENT_TYPE_FIELD);

    private final String header;
    private final Hmac hmac;
    private final SignatureEncoding encoding;
    private final String prefix;
    private final Map.Entry<String, String> eventId;
    private final Optional<Map.Entry<String, String>> eventType;

    private HmacSignatureScheme(String header, Hmac hmac, SignatureEncoding encoding, String prefix,
            Map.Entry<String, String> eventId, Optional<Map.Entry<String, String>> eventType) {
        this.header = header;
        this.hmac = hmac;
        this.encoding = encoding;
        this.prefix = prefix;
        this.eventId = eventId;
        this.eventType = eventType;
    }

    /** Reads and checks the options; an {@link IllegalArgumentException} names the bad one. */
    static HmacSignatureScheme fromOptions(Map<String, String> values) {
        SchemeOptions options = new SchemeOptions(NAME, values, OPTIONS);
        Map.Entry<String, String> eventId = options.oneOf(EVENT_ID_HEADER, EVENT_ID_FIELD)
                .orElseThrow(() -> new IllegalArgumentException("scheme '" + NAME + "' needs option '"
                        + EVENT_ID_HEADER + "' or '" + EVENT_ID_FIELD + "'"));
        Optional<Map.Entry<String, String>> eventType = options.oneOf(EVENT_TYPE_HEADER, EVENT_TYPE_FIELD);
        checkPointer(eventId);
        eventType.ifPresent(HmacSignatureScheme::checkPointer);
        return new HmacSignatureScheme(
                options.required(HEADER),
                options.optional(ALGORITHM).map(HmacSignatureScheme::algorithm).orElse(Hmac.SHA_256),
                options.optional(ENCODING).map(SignatureEncoding::fromOption).orElse(SignatureEncoding.HEX),
                options.optional(PREFIX).orElse(""),
                eventId,
                eventType);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void verify(SignedRequest request, List<String> secrets, Duration tolerance, Instant now)
            throws SignatureException {
        String value = request.signatureHeader(header);
        if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new SignatureException(header + " does not start with '" + prefix + "'");
        }
        List<byte[]> candidates = encoding.decode(value.substring(prefix.length()))
                .map(List::of).orElse(List.of());
        hmac.requireMatch(SigningKeys.utf8(secrets), candidates, request.body());
    }

    @Override
    public Set<String> signatureHeaders() {
        return Set.of(header.toLowerCase(Locale.ROOT));
    }

    /** The signature covers the body only: an id or type read from a header is unsigned. */
    @Override
    public EventIdentity identify(SignedRequest request, WebhookPayload payload)
            throws MalformedPayloadException {
        String id = isHeader(eventId)
                ? EventIdLookup.fromHeader(request, eventId.getValue())
                : EventIdLookup.fromBody(payload, eventId.getValue());
        String type = eventType.flatMap(source -> isHeader(source)
                ? request.header(source.getValue())
                : payload.text(source.getValue())).orElse(null);
        return new EventIdentity(id, type, !isHeader(eventId), type == null || !isHeader(eventType.get()));
    }

    private static boolean isHeader(Map.Entry<String, String> source) {
        return source.getKey().equals(EVENT_ID_HEADER) || source.getKey().equals(EVENT_TYPE_HEADER);
    }

    private static void checkPointer(Map.Entry<String, String> source) {
        if (!isHeader(source)) {
            WebhookPayload.requirePointer(source.getValue(), "option '" + source.getKey() + "'");
            if (source.getValue().isEmpty()) {
                throw new IllegalArgumentException(
                        "option '" + source.getKey() + "' must name a field, not the whole body");
            }
        }
    }

    private static Hmac algorithm(String value) {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "SHA-256" -> Hmac.SHA_256;
            case "SHA-512" -> Hmac.SHA_512;
            default -> throw new IllegalArgumentException(
                    "option '" + ALGORITHM + "' must be SHA-256 or SHA-512, not '" + value + "'");
        };
    }
}
