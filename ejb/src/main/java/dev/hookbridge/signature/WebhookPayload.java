package dev.hookbridge.signature;

import dev.hookbridge.json.JsonProcessing;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request body parsed once: a JSON object, or form fields
 * ({@code application/x-www-form-urlencoded}). A form body whose {@code payload} field holds a JSON
 * object (Slack interactivity, GitHub's form content type) is read as that JSON.
 */
public final class WebhookPayload {

    private static final String FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";
    private static final String EMBEDDED_JSON_FIELD = "payload";
    private static final Pattern JSON_POINTER = Pattern.compile("(/([^~/]|~[01])*)*");

    private final JsonObject json;
    private final Map<String, String> form;

    private WebhookPayload(JsonObject json, Map<String, String> form) {
        this.json = json;
        this.form = form;
    }

    /**
     * Parses the body as the media type says: form fields for {@code application/x-www-form-urlencoded},
     * JSON for anything else, including {@code null}.
     *
     * @throws MalformedPayloadException when the body is not a JSON object or not valid form data
     */
    public static WebhookPayload parse(byte[] body, String mediaType) throws MalformedPayloadException {
        byte[] bytes = body == null ? new byte[0] : body;
        if (!isForm(mediaType)) {
            return new WebhookPayload(jsonObject(bytes), null);
        }
        Map<String, String> fields = FormFields.parse(bytes);
        String embedded = fields.get(EMBEDDED_JSON_FIELD);
        if (embedded != null && embedded.strip().startsWith("{")) {
            return new WebhookPayload(jsonObject(embedded), null);
        }
        return new WebhookPayload(null, fields);
    }

    /**
     * The value at a JSON pointer ({@code "/id"}, {@code "/event/type"}) as text: strings as they
     * are, numbers and booleans as written, objects and arrays as JSON; empty when missing or
     * {@code null}. In a form body, {@code "/name"} reads the field {@code name}.
     *
     * @throws IllegalArgumentException when {@code jsonPointer} is not a JSON pointer (RFC 6901)
     */
    public Optional<String> text(String jsonPointer) {
        requirePointer(jsonPointer, "pointer");
        return json != null ? jsonText(jsonPointer) : formText(jsonPointer);
    }

    /** Whether the body was read as JSON (directly or from a form's {@code payload} field). */
    public boolean isJson() {
        return json != null;
    }

    /** Refuses text that is not an RFC 6901 JSON pointer, naming the option or field it came from. */
    public static void requirePointer(String pointer, String what) {
        if (pointer == null || !JSON_POINTER.matcher(pointer).matches()) {
            throw new IllegalArgumentException(
                    what + " must be a JSON pointer such as '/id' or '/data/id', not '" + pointer + "'");
        }
    }

    private Optional<String> jsonText(String pointer) {
        JsonValue value;
        try {
            var jsonPointer = JsonProcessing.PROVIDER.createPointer(pointer);
            if (!jsonPointer.containsValue(json)) {
                return Optional.empty();
            }
            value = jsonPointer.getValue(json);
        } catch (JsonException notThere) {
            // A pointer that walks through a string or number finds nothing.
            return Optional.empty();
        }
        return switch (value.getValueType()) {
            case STRING -> Optional.of(((JsonString) value).getString());
            case NUMBER -> Optional.of(((JsonNumber) value).toString());
            case TRUE -> Optional.of("true");
            case FALSE -> Optional.of("false");
            case NULL -> Optional.empty();
            case OBJECT, ARRAY -> Optional.of(value.toString());
        };
    }

    private Optional<String> formText(String pointer) {
        if (pointer.isEmpty() || pointer.indexOf('/', 1) >= 0) {
            return Optional.empty();
        }
        String name = pointer.substring(1).replace("~1", "/").replace("~0", "~");
        return Optional.ofNullable(form.get(name));
    }

    private static boolean isForm(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        int semicolon = mediaType.indexOf(';');
        String essence = (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip();
        return essence.toLowerCase(Locale.ROOT).equals(FORM_MEDIA_TYPE);
    }

    private static JsonObject jsonObject(byte[] body) throws MalformedPayloadException {
        if (body.length == 0) {
            throw new MalformedPayloadException("body is empty, expected a JSON object");
        }
        // The stream form lets JSON-P detect UTF-8, UTF-16 or UTF-32 as RFC 8259 allows.
        try (JsonParser parser = JsonProcessing.PROVIDER.createParser(new ByteArrayInputStream(body))) {
            return readObject(parser, "body");
        } catch (RuntimeException e) {
            // A JsonException for invalid JSON, and a plain RuntimeException from Parsson for input
            // nested deeper than its limit (1000): either way the sender's malformed body, not a
            // server failure.
            throw new MalformedPayloadException("body is not valid JSON: " + e.getMessage());
        }
    }

    private static JsonObject jsonObject(String embedded) throws MalformedPayloadException {
        try (JsonParser parser = JsonProcessing.PROVIDER.createParser(new StringReader(embedded))) {
            return readObject(parser, "form field 'payload'");
        } catch (RuntimeException e) {
            // Invalid JSON or nesting deeper than Parsson's limit, as above.
            throw new MalformedPayloadException("form field 'payload' is not valid JSON: " + e.getMessage());
        }
    }

    /** Reads exactly one JSON object: anything before or after it makes the text malformed. */
    private static JsonObject readObject(JsonParser parser, String what) throws MalformedPayloadException {
        JsonParser.Event first = parser.hasNext() ? parser.next() : null;
        if (first != JsonParser.Event.START_OBJECT) {
            throw new MalformedPayloadException(what + (first == JsonParser.Event.START_ARRAY
                    ? " is a JSON array, expected a JSON object"
                    : " is not a JSON object"));
        }
        JsonObject object = parser.getObject();
        if (parser.hasNext()) {
            throw new MalformedPayloadException(what + " has content after its JSON object");
        }
        return object;
    }
}
