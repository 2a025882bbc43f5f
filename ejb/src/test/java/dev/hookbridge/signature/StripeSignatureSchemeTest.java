package dev.hookbridge.signature;

import static dev.hookbridge.signature.TestRequests.hmacSha256Hex;
import static dev.hookbridge.signature.TestRequests.json;
import static dev.hookbridge.signature.TestRequests.request;
import static dev.hookbridge.signature.TestRequests.tampered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripeSignatureSchemeTest {

    // Published vector from stripe/stripe-dotnet, src/StripeTests/Services/Events/EventUtilityTest.cs
    // (secret, timestamp, header) with its fixture src/StripeTests/Resources/event_test_signature.json
    // (the body, LF line endings, final newline included).
    private static final String VECTOR_SECRET = "webhook_secret";
    private static final long VECTOR_TIMESTAMP = 1533204620L;
    private static final String VECTOR_HEADER = "t=1533204620,"
            + "v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7,"
            + "v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef";
    private static final String VECTOR_BODY = """
            {
              "id": "evt_123",
              "object": "event",
              "account": "acct_123",
              "api_version": "2017-05-25",
              "created": 1533204620,
              "data": {
                "object": {
                  "id": "cus_123",
                  "object": "customer",
                  "created": 123456789,
                  "email": "test@stripe.com",
                  "livemode": false,
                  "metadata": {}
                }
              },
              "livemode": false,
              "pending_webhooks": 1,
              "request": {
                "id": "req_123",
                "idempotency_key": "idempotency-key-123"
              },
              "type": "customer.created"
            }
            """;
    private static final Instant VECTOR_NOW = Instant.ofEpochSecond(VECTOR_TIMESTAMP);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final SignatureScheme scheme = new StripeSignatureScheme();

    @Test
    void verifiesStripesPublishedVector() {
        assertThatCode(() -> verify(VECTOR_HEADER, VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void identifiesTheVectorEventByBodyIdAndType() throws Exception {
        EventIdentity identity = scheme.identify(request(VECTOR_BODY), json(VECTOR_BODY));

        assertThat(identity).isEqualTo(new EventIdentity("evt_123", "customer.created"));
    }

    @Test
    void acceptsTheSecondActiveSecretDuringRotation() {
        assertThatCode(() -> verify(VECTOR_HEADER, VECTOR_BODY, List.of("whsec_new", VECTOR_SECRET), VECTOR_NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAWrongSecretWithoutRevealingSecretOrSignature() {
        assertThatThrownBy(() -> verify(VECTOR_HEADER, VECTOR_BODY, List.of("whsec_wrong"), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched")
                .message().doesNotContain("whsec_wrong").doesNotContain("2220f87e");
    }

    @Test
    void refusesABodyWithOneByteChanged() {
        SignedRequest request = request(tampered(VECTOR_BODY, 10), "Stripe-Signature", VECTOR_HEADER);

        assertThatThrownBy(() -> scheme.verify(request, List.of(VECTOR_SECRET), TOLERANCE, VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void refusesTimestampsBeyondToleranceInBothDirections() {
        Instant later = VECTOR_NOW.plusSeconds(301);
        Instant earlier = VECTOR_NOW.minusSeconds(301);

        assertThatThrownBy(() -> verify(VECTOR_HEADER, VECTOR_BODY, List.of(VECTOR_SECRET), later))
                .isInstanceOf(SignatureException.class)
                .hasMessageStartingWith("timestamp outside tolerance");
        assertThatThrownBy(() -> verify(VECTOR_HEADER, VECTOR_BODY, List.of(VECTOR_SECRET), earlier))
                .isInstanceOf(SignatureException.class)
                .hasMessageStartingWith("timestamp outside tolerance");
    }

    @Test
    void acceptsTimestampsAtTheEdgeOfTolerance() {
        assertThatCode(() -> {
            verify(VECTOR_HEADER, VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW.plusSeconds(300));
            verify(VECTOR_HEADER, VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW.minusSeconds(300));
        }).doesNotThrowAnyException();
    }

    @Test
    void refusesAMissingHeader() {
        assertThatThrownBy(() -> scheme.verify(request(VECTOR_BODY), List.of(VECTOR_SECRET), TOLERANCE, VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no Stripe-Signature header");
    }

    @Test
    void refusesAHeaderWithoutTimestamp() {
        String header = "v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7";

        assertThatThrownBy(() -> verify(header, VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessageContaining("no timestamp");
    }

    @Test
    void refusesANonNumericTimestamp() {
        String header = "t=soon,v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7";

        assertThatThrownBy(() -> verify(header, VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("timestamp is not a number");
    }

    @Test
    void refusesAHeaderWithOnlyV0Signatures() {
        String header = "t=1533204620,v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef";

        assertThatThrownBy(() -> verify(header, VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("Stripe-Signature has no v1 signature");
    }

    @Test
    void acceptsWhenAnyOfSeveralV1SignaturesMatches() {
        String header = "t=1533204620,v1=not-hex-at-all,"
                + "v1=0000000000000000000000000000000000000000000000000000000000000000,"
                + "v1=2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7";

        assertThatCode(() -> verify(header, VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void treatsGarbageHexAsNoMatch() {
        String header = "t=1533204620,v1=zz20f87ef1,v1=abc";

        assertThatThrownBy(() -> verify(header, VECTOR_BODY, List.of(VECTOR_SECRET), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void usesAWhsecSecretsUtf8BytesAsTheKey() {
        String secret = "whsec_abc123";
        String body = "{\"id\":\"evt_1\"}";
        String header = "t=1700000000,v1=" + hmacSha256Hex(secret, "1700000000." + body);

        assertThatCode(() -> verify(header, body, List.of(secret), Instant.ofEpochSecond(1700000000)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesWhenNoSecretIsActive() {
        assertThatThrownBy(() -> verify(VECTOR_HEADER, VECTOR_BODY, List.of(), VECTOR_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no active secret");
    }

    @Test
    void identifyNamesTheMissingId() {
        String body = "{\"type\":\"customer.created\"}";

        assertThatThrownBy(() -> scheme.identify(request(body), json(body)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("no event id: body field 'id' is missing");
    }

    @Test
    void identifyLeavesTypeNullWhenAbsent() throws Exception {
        String body = "{\"id\":\"evt_9\"}";

        assertThat(scheme.identify(request(body), json(body))).isEqualTo(new EventIdentity("evt_9", null));
    }

    private void verify(String header, String body, List<String> secrets, Instant now) throws SignatureException {
        scheme.verify(request(body, "Stripe-Signature", header), secrets, TOLERANCE, now);
    }

    @Test
    void namesItsSignatureHeaderToRedact() {
        assertThat(scheme.signatureHeaders()).containsExactly("stripe-signature");
    }
}
