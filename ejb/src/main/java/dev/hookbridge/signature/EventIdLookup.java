package dev.hookbridge.signature;

/** Finds the event id a scheme requires, failing with a message that names where it was looked for. */
final class EventIdLookup {

    private EventIdLookup() {
    }

    static String fromHeader(SignedRequest request, String header) throws MalformedPayloadException {
        return request.header(header).orElseThrow(() -> new MalformedPayloadException(
                "no event id: header '" + header + "' is missing"));
    }

    static String fromBody(WebhookPayload payload, String pointer) throws MalformedPayloadException {
        return payload.text(pointer).filter(id -> !id.isBlank()).orElseThrow(() -> new MalformedPayloadException(
                "no event id: body field '" + pointer.substring(1) + "' is missing"));
    }
}
