package dev.hookbridge.signature;

import static dev.hookbridge.signature.TestRequests.hmacBase64;
import static dev.hookbridge.signature.TestRequests.json;
import static dev.hookbridge.signature.TestRequests.request;
import static dev.hookbridge.signature.TestRequests.tampered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandardWebhooksSignatureSchemeTest {

    // Published vector from the Standard Webhooks reference libraries, standard-webhooks/standard-webhooks
    // libraries/java/src/test/java/com/standardwebhooks/WebhookTest.java (verifyWebhookSignWorks) and
    // TestScenario.java (the same key, id, timestamp, payload and signature in every language's tests).
    private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String VECTOR_TIMESTAMP = "1614265330";
    private static final String VECTOR_BODY = "{\"test\": 2432232314}";
    private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    // From the same test file: a signature header mixing other entries with the valid one.
    private static final String DECOY = "Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
    private static final Instant VECTOR_NOW = Instant.ofEpochSecond(1614265330L);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final SignatureScheme scheme = new StandardWebhooksSignatureScheme();

    @Test
    void verifiesThePublishedVector() {
        assertThatCode(() -> verify(VECTOR_SIGNATURE, VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsASecretWithoutTheWhsecPrefix() {
        assertThatCode(() -> verify(VECTOR_SIGNATURE, VECTOR_BODY, List.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                VECTOR_NOW)).doesNotThrowAnyException();
    }

    @Test
    void acceptsHeaderNamesInAnyCase() {
        SignedRequest request = request(VECTOR_BODY, "Webhook-Id", VECTOR_ID,
                "WEBHOOK-TIMESTAMP", VECTOR_TIMESTAMP, "webhook-SIGNATURE", VECTOR_SIGNATURE);

        assertThatCode(() -> scheme.verify(request, List.of(VECTOR_SECRET), TOLERANCE, VECTOR_NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsWhenAnyOfSeveralV1SignaturesMatches() {
        String header = String.join(" ", "v1," + DECOY, "v2," + DECOY, VECTOR_SIGNATURE, "v1," + DECOY);

        assertThatCode(() -> verify(header, VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAHeaderWithoutV1Signatures() {
        assertThatThrownBy(() -> verify("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= invalid_signature",
                VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("webhook-signature has no v1 signature");
    }

    @Test
    void treatsGarbageBase64AsNoMatch() {
        assertThatThrownBy(() -> verify("v1,invalid_signature v1,%%%", VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void acceptsTheSecondActiveSecretDuringRotation() {
        String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

        assertThatCode(() -> verify(VECTOR_SIGNATURE, VECTOR_BODY, List.of(other, VECTOR_SECRET), VECTOR_NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAWrongSecret() {
        String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

        assertThatThrownBy(() -> verify(VECTOR_SIGNATURE, VECTOR_BODY, List.of(other), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void refusesABodyWithOneByteChanged() {
        SignedRequest request = request(tampered(VECTOR_BODY, 3), "webhook-id", VECTOR_ID,
                "webhook-timestamp", VECTOR_TIMESTAMP, "webhook-signature", VECTOR_SIGNATURE);

        assertThatThrownBy(() -> scheme.verify(request, List.of(VECTOR_SECRET), TOLERANCE, VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void refusesAnIdThatWasNotSigned() {
        SignedRequest request = request(VECTOR_BODY, "webhook-id", "msg_other",
                "webhook-timestamp", VECTOR_TIMESTAMP, "webhook-signature", VECTOR_SIGNATURE);

        assertThatThrownBy(() -> scheme.verify(request, List.of(VECTOR_SECRET), TOLERANCE, VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void refusesTimestampsBeyondToleranceInBothDirections() {
        assertThatThrownBy(() -> verify(VECTOR_SIGNATURE, VECTOR_BODY, List.of(VECTOR_SECRET),
                VECTOR_NOW.plusSeconds(301)))
                .isInstanceOf(SignatureException.class)
                .hasMessageStartingWith("timestamp outside tolerance");
        assertThatThrownBy(() -> verify(VECTOR_SIGNATURE, VECTOR_BODY, List.of(VECTOR_SECRET),
                VECTOR_NOW.minusSeconds(301)))
                .isInstanceOf(SignatureException.class)
                .hasMessageStartingWith("timestamp outside tolerance");
    }

    @Test
    void acceptsTimestampsAtTheEdgeOfTolerance() {
        assertThatCode(() -> {
            verify(VECTOR_SIGNATURE, VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW.plusSeconds(300));
            verify(VECTOR_SIGNATURE, VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW.minusSeconds(300));
        }).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
    void refusesAMissingHeader(String missing) {
        String[] headers = {"webhook-id", VECTOR_ID, "webhook-timestamp", VECTOR_TIMESTAMP,
            "webhook-signature", VECTOR_SIGNATURE};
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equals(missing)) {
                headers[i] = "x-removed";
            }
        }
        SignedRequest request = request(VECTOR_BODY, headers);

        assertThatThrownBy(() -> scheme.verify(request, List.of(VECTOR_SECRET), TOLERANCE, VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no " + missing + " header");
    }

    @Test
    void refusesANonNumericTimestamp() {
        SignedRequest request = request(VECTOR_BODY, "webhook-id", VECTOR_ID,
                "webhook-timestamp", "2021-02-25T15:02:10Z", "webhook-signature", VECTOR_SIGNATURE);

        assertThatThrownBy(() -> scheme.verify(request, List.of(VECTOR_SECRET), TOLERANCE, VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("timestamp is not a number");
    }

    @Test
    void skipsASecretThatIsNotBase64() {
        assertThatCode(() -> verify(VECTOR_SIGNATURE, VECTOR_BODY, List.of("whsec_not base64!", VECTOR_SECRET),
                VECTOR_NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verify(VECTOR_SIGNATURE, VECTOR_BODY, List.of("whsec_not base64!"), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no usable secret among the active ones");
    }

    @Test
    void validateSecretRefusesWhatCannotBeAKey() {
        assertThatCode(() -> scheme.validateSecret(VECTOR_SECRET)).doesNotThrowAnyException();
        assertThatThrownBy(() -> scheme.validateSecret("whsec_not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base64")
                .message().doesNotContain("not base64!");
        assertThatThrownBy(() -> scheme.validateSecret("whsec_")).isInstanceOf(IllegalArgumentException.class);
        // 15 bytes: too short to resist guessing.
        assertThatThrownBy(() -> scheme.validateSecret("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[15])))
                .hasMessageContaining("at least 16 bytes");
    }

    @Test
    void verifiesASignatureMadeWithTheDecodedKey() {
        byte[] key = "a key of twenty-four bytes".getBytes(StandardCharsets.UTF_8);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        String body = "{\"type\":\"invoice.paid\"}";
        String signature = "v1," + hmacBase64("HmacSHA256", key, "msg_1.1700000000." + body);
        SignedRequest request = request(body, "webhook-id", "msg_1", "webhook-timestamp", "1700000000",
                "webhook-signature", signature);

        assertThatCode(() -> scheme.verify(request, List.of(secret), TOLERANCE, Instant.ofEpochSecond(1700000000)))
                .doesNotThrowAnyException();
    }

    @Test
    void identifiesByWebhookIdAndBodyType() throws Exception {
        String body = "{\"type\":\"contact.created\",\"data\":{}}";
        SignedRequest request = request(body, "webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");

        assertThat(scheme.identify(request, json(body)))
                .isEqualTo(new EventIdentity("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", "contact.created"));
        assertThat(scheme.identify(request(VECTOR_BODY, "webhook-id", VECTOR_ID), json(VECTOR_BODY)))
                .isEqualTo(new EventIdentity(VECTOR_ID, null));
    }

    @Test
    void identifyNamesTheMissingIdHeader() {
        assertThatThrownBy(() -> scheme.identify(request(VECTOR_BODY), json(VECTOR_BODY)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("no event id: header 'webhook-id' is missing");
    }

    private void verify(String signature, String body, List<String> secrets, Instant now) throws SignatureException {
        SignedRequest request = request(body, "webhook-id", VECTOR_ID, "webhook-timestamp", VECTOR_TIMESTAMP,
                "webhook-signature", signature);
        scheme.verify(request, secrets, TOLERANCE, now);
    }

    @Test
    void namesItsSignatureHeaderToRedact() {
        assertThat(scheme.signatureHeaders()).containsExactly("webhook-signature");
    }
}
