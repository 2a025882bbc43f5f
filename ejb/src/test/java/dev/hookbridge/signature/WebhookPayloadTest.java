package dev.hookbridge.signature;

import static dev.hookbridge.signature.TestRequests.form;
import static dev.hookbridge.signature.TestRequests.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookPayloadTest {

    private static final String BODY = """
            {"id": "evt_1", "type": "invoice.paid", "amount": 2432232314, "ratio": 0.5, "live": false,
             "note": null, "event": {"type": "app_mention", "tags": ["a", "b"]}, "a/b": "slash", "m~n": "tilde"}
            """;

    @Test
    void readsJsonValuesAsText() throws Exception {
        WebhookPayload payload = json(BODY);

        assertThat(payload.isJson()).isTrue();
        assertThat(payload.text("/id")).contains("evt_1");
        assertThat(payload.text("/event/type")).contains("app_mention");
        assertThat(payload.text("/amount")).contains("2432232314");
        assertThat(payload.text("/ratio")).contains("0.5");
        assertThat(payload.text("/live")).contains("false");
        assertThat(payload.text("/event/tags/1")).contains("b");
        assertThat(payload.text("/event/tags")).contains("[\"a\",\"b\"]");
        assertThat(payload.text("/a~1b")).contains("slash");
        assertThat(payload.text("/m~0n")).contains("tilde");
    }

    @Test
    void jsonNestedDeeperThanTheParserAllowsIsMalformed() {
        // Found by the fault suite: the parser's depth limit once escaped as a server error (500).
        String deep = "{\"type\":\"a\",\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThatThrownBy(() -> json(deep)).isInstanceOf(MalformedPayloadException.class);
    }

    @Test
    void findsNothingForMissingOrNullValues() throws Exception {
        WebhookPayload payload = json(BODY);

        assertThat(payload.text("/missing")).isEmpty();
        assertThat(payload.text("/note")).isEmpty();
        assertThat(payload.text("/event/missing")).isEmpty();
        assertThat(payload.text("/id/deeper")).isEmpty();
        assertThat(payload.text("/event/tags/7")).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/cloudevents+json",
        "text/plain"})
    void readsJsonForAnyMediaTypeButForm(String mediaType) throws Exception {
        WebhookPayload payload = WebhookPayload.parse(BODY.getBytes(StandardCharsets.UTF_8), mediaType);

        assertThat(payload.isJson()).isTrue();
        assertThat(payload.text("/type")).contains("invoice.paid");
    }

    @Test
    void readsUtf16Json() throws Exception {
        WebhookPayload payload = WebhookPayload.parse("{\"id\":\"ü\"}".getBytes(StandardCharsets.UTF_16BE), null);

        assertThat(payload.text("/id")).contains("ü");
    }

    @Test
    void readsFormFields() throws Exception {
        WebhookPayload payload = WebhookPayload.parse(
                "command=%2Fweather&text=94070+now&empty=&flag&command=second&caf%C3%A9=cr%C3%A8me".getBytes(
                        StandardCharsets.UTF_8),
                "Application/X-WWW-Form-Urlencoded; charset=UTF-8");

        assertThat(payload.isJson()).isFalse();
        assertThat(payload.text("/command")).contains("/weather");
        assertThat(payload.text("/text")).contains("94070 now");
        assertThat(payload.text("/empty")).contains("");
        assertThat(payload.text("/flag")).contains("");
        assertThat(payload.text("/café")).contains("crème");
        assertThat(payload.text("/missing")).isEmpty();
        assertThat(payload.text("/command/deeper")).isEmpty();
        assertThat(payload.text("")).isEmpty();
    }

    @Test
    void readsTheJsonInAFormsPayloadField() throws Exception {
        String json = "{\"type\":\"block_actions\",\"trigger_id\":\"13345224609.738474920.8088930838d88f008e0\"}";
        WebhookPayload payload = form("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8));

        assertThat(payload.isJson()).isTrue();
        assertThat(payload.text("/type")).contains("block_actions");
    }

    @Test
    void keepsAPayloadFieldThatIsNotJsonAsAField() throws Exception {
        WebhookPayload payload = form("payload=hello&id=7");

        assertThat(payload.isJson()).isFalse();
        assertThat(payload.text("/payload")).contains("hello");
        assertThat(payload.text("/id")).contains("7");
    }

    @Test
    void refusesAFormPayloadFieldWithBrokenJson() {
        assertThatThrownBy(() -> form("payload=" + URLEncoder.encode("{\"type\":", StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("form field 'payload' is not valid JSON");
    }

    @Test
    void refusesMalformedJson() {
        assertThatThrownBy(() -> json("{\"id\": \"evt_1\","))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("body is not valid JSON");
        assertThatThrownBy(() -> json("{\"id\": 1} trailing"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("body is not valid JSON");
        assertThatThrownBy(() -> json("not json"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("body is not valid JSON");
    }

    @Test
    void refusesJsonThatIsNotExactlyOneObject() {
        assertThatThrownBy(() -> json("[{\"id\": 1}]"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("body is a JSON array, expected a JSON object");
        assertThatThrownBy(() -> json("42"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("body is not a JSON object");
        // A second value after the object: Parsson reports it as a parse error, other providers
        // through hasNext(); either way the body is refused.
        assertThatThrownBy(() -> json("{\"id\": 1} {\"id\": 2}"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("body");
    }

    @Test
    void refusesAnEmptyJsonBody() {
        assertThatThrownBy(() -> WebhookPayload.parse(new byte[0], null))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("body is empty, expected a JSON object");
        assertThatThrownBy(() -> WebhookPayload.parse(null, "application/json"))
                .isInstanceOf(MalformedPayloadException.class);
    }

    @Test
    void refusesABrokenPercentEscape() {
        assertThatThrownBy(() -> form("text=100%"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("body is not valid form data");
    }

    @Test
    void refusesSomethingThatIsNotAPointer() throws Exception {
        WebhookPayload payload = json(BODY);

        assertThatThrownBy(() -> payload.text("id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON pointer");
        assertThatThrownBy(() -> payload.text("/a~"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> payload.text(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
