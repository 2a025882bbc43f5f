package dev.hookbridge.signature;

import static dev.hookbridge.signature.TestRequests.form;
import static dev.hookbridge.signature.TestRequests.json;
import static dev.hookbridge.signature.TestRequests.request;
import static dev.hookbridge.signature.TestRequests.tampered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackSignatureSchemeTest {

    // Published vector: Slack API docs, "Verifying requests from Slack"
    // (https://api.slack.com/authentication/verifying-requests-from-slack), the worked example of a
    // slash-command request with its signing secret, timestamp, raw body and expected signature.
    private static final String VECTOR_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final long VECTOR_TIMESTAMP = 1531420618L;
    private static final String VECTOR_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J"
            + "&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA"
            + "&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554"
            + "%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String VECTOR_SIGNATURE =
            "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final Instant VECTOR_NOW = Instant.ofEpochSecond(VECTOR_TIMESTAMP);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final SignatureScheme scheme = new SlackSignatureScheme();

    @Test
    void verifiesSlacksPublishedVector() {
        assertThatCode(() -> verify(VECTOR_SIGNATURE, "1531420618", VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsTheSecondActiveSecretDuringRotation() {
        assertThatCode(() -> verify(VECTOR_SIGNATURE, "1531420618", VECTOR_BODY,
                List.of("00000000000000000000000000000000", VECTOR_SECRET), VECTOR_NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAWrongSecret() {
        assertThatThrownBy(() -> verify(VECTOR_SIGNATURE, "1531420618", VECTOR_BODY,
                List.of("8f742231b10e8888abcd99yyyzzz85a6"), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void refusesABodyWithOneByteChanged() {
        SignedRequest request = request(tampered(VECTOR_BODY, 42),
                "X-Slack-Signature", VECTOR_SIGNATURE, "X-Slack-Request-Timestamp", "1531420618");

        assertThatThrownBy(() -> scheme.verify(request, List.of(VECTOR_SECRET), TOLERANCE, VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void refusesATimestampThatWasNotSigned() {
        assertThatThrownBy(() -> verify(VECTOR_SIGNATURE, "1531420619", VECTOR_BODY, List.of(VECTOR_SECRET),
                VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void refusesTimestampsBeyondToleranceInBothDirections() {
        assertThatThrownBy(() -> verify(VECTOR_SIGNATURE, "1531420618", VECTOR_BODY, List.of(VECTOR_SECRET),
                VECTOR_NOW.plus(TOLERANCE).plusSeconds(1)))
                .isInstanceOf(SignatureException.class)
                .hasMessageStartingWith("timestamp outside tolerance");
        assertThatThrownBy(() -> verify(VECTOR_SIGNATURE, "1531420618", VECTOR_BODY, List.of(VECTOR_SECRET),
                VECTOR_NOW.minus(TOLERANCE).minusSeconds(1)))
                .isInstanceOf(SignatureException.class)
                .hasMessageStartingWith("timestamp outside tolerance");
    }

    @Test
    void acceptsTimestampsInsideTolerance() {
        assertThatCode(() -> {
            verify(VECTOR_SIGNATURE, "1531420618", VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW.plusSeconds(299));
            verify(VECTOR_SIGNATURE, "1531420618", VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW.minusSeconds(299));
        }).doesNotThrowAnyException();
    }

    @Test
    void refusesMissingHeaders() {
        SignedRequest noSignature = request(VECTOR_BODY, "X-Slack-Request-Timestamp", "1531420618");
        SignedRequest noTimestamp = request(VECTOR_BODY, "X-Slack-Signature", VECTOR_SIGNATURE);

        assertThatThrownBy(() -> scheme.verify(noSignature, List.of(VECTOR_SECRET), TOLERANCE, VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no X-Slack-Signature header");
        assertThatThrownBy(() -> scheme.verify(noTimestamp, List.of(VECTOR_SECRET), TOLERANCE, VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no X-Slack-Request-Timestamp header");
    }

    @Test
    void refusesANonNumericTimestamp() {
        assertThatThrownBy(() -> verify(VECTOR_SIGNATURE, "-1531420618", VECTOR_BODY, List.of(VECTOR_SECRET),
                VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("timestamp is not a number");
    }

    @Test
    void refusesAnotherSignatureVersion() {
        String v1 = "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

        assertThatThrownBy(() -> verify(v1, "1531420618", VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("X-Slack-Signature is not a v0= signature");
    }

    @Test
    void treatsGarbageHexAsNoMatch() {
        assertThatThrownBy(() -> verify("v0=a2114d57b48eac39b9ad189dd831623", "1531420618", VECTOR_BODY,
                List.of(VECTOR_SECRET), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void identifiesAnEventsApiCallbackByEventIdAndEventType() throws Exception {
        String body = "{\"type\":\"event_callback\",\"event_id\":\"Ev08MFMKH6\","
                + "\"event\":{\"type\":\"app_mention\",\"text\":\"hi\"}}";

        assertThat(scheme.identify(request(body), json(body)))
                .isEqualTo(new EventIdentity("Ev08MFMKH6", "app_mention"));
    }

    @Test
    void fallsBackToTheTopLevelType() throws Exception {
        String body = "{\"type\":\"app_rate_limited\",\"event_id\":\"Ev1\"}";

        assertThat(scheme.identify(request(body), json(body)).eventType()).isEqualTo("app_rate_limited");
    }

    @Test
    void identifiesARequestWithoutEventIdByAHashOfTheBody() throws Exception {
        EventIdentity identity = scheme.identify(request(VECTOR_BODY), form(VECTOR_BODY));

        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(VECTOR_BODY.getBytes(StandardCharsets.UTF_8)));
        assertThat(identity).isEqualTo(new EventIdentity("sha256:" + expected, null));
        assertThat(scheme.identify(request(VECTOR_BODY), form(VECTOR_BODY))).isEqualTo(identity);
        assertThat(scheme.identify(request(VECTOR_BODY + "x"), form(VECTOR_BODY)).eventId())
                .isNotEqualTo(identity.eventId());
    }

    @Test
    void answersTheUrlVerificationChallenge() throws Exception {
        // Example body from Slack's url_verification event documentation.
        String body = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\","
                + "\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}";

        assertThat(scheme.handshakeChallenge(json(body)))
                .contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void hasNoChallengeForOrdinaryEvents() throws Exception {
        String body = "{\"type\":\"event_callback\",\"challenge\":\"not-a-handshake\",\"event_id\":\"Ev1\"}";

        assertThat(scheme.handshakeChallenge(json(body))).isEmpty();
        assertThat(scheme.handshakeChallenge(form(VECTOR_BODY))).isEmpty();
    }

    private void verify(String signature, String timestamp, String body, List<String> secrets, Instant now)
            throws SignatureException {
        SignedRequest request = request(body, "X-Slack-Signature", signature, "X-Slack-Request-Timestamp", timestamp);
        scheme.verify(request, secrets, TOLERANCE, now);
    }

    @Test
    void namesItsSignatureHeaderToRedact() {
        assertThat(scheme.signatureHeaders()).containsExactly("x-slack-signature");
    }
}
