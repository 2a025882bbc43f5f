package dev.hookbridge.signature;

import static dev.hookbridge.signature.TestRequests.hmacBase64;
import static dev.hookbridge.signature.TestRequests.hmacSha256Hex;
import static dev.hookbridge.signature.TestRequests.json;
import static dev.hookbridge.signature.TestRequests.request;
import static dev.hookbridge.signature.TestRequests.tampered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HmacSignatureSchemeTest {

    private static final String SECRET = "s3cr3t";
    private static final String BODY = "{\"id\":\"ord_1\",\"event\":{\"name\":\"order.paid\"},\"n\":42}";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void defaultsToHexHmacSha256WithoutPrefix() {
        SignatureScheme scheme = scheme(Map.of("header", "X-Signature", "eventIdField", "/id"));
        SignedRequest request = request(BODY, "X-Signature", hmacSha256Hex(SECRET, BODY));

        assertThat(scheme.name()).isEqualTo("hmac");
        assertThatCode(() -> scheme.verify(request, List.of(SECRET), TOLERANCE, NOW)).doesNotThrowAnyException();
    }

    @Test
    void verifiesGitHubsPublishedVectorWhenConfiguredLikeGitHub() {
        // Published vector: GitHub Docs, "Validating webhook deliveries", "Testing the webhook payload validation".
        SignatureScheme scheme = scheme(Map.of("header", "X-Hub-Signature-256", "prefix", "sha256=",
                "algorithm", "SHA-256", "encoding", "hex", "eventIdHeader", "X-GitHub-Delivery"));
        SignedRequest request = request("Hello, World!",
                "X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");

        assertThatCode(() -> scheme.verify(request, List.of("It's a Secret to Everybody"), TOLERANCE, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void verifiesBase64HmacSha512() {
        SignatureScheme scheme = scheme(Map.of("header", "X-Sig", "algorithm", "SHA-512", "encoding", "base64",
                "eventIdField", "/id"));
        String signature = hmacBase64("HmacSHA512", SECRET.getBytes(StandardCharsets.UTF_8), BODY);
        SignedRequest request = request(BODY, "X-Sig", signature);

        assertThatCode(() -> scheme.verify(request, List.of(SECRET), TOLERANCE, NOW)).doesNotThrowAnyException();
    }

    @Test
    void doesNotAcceptASha256SignatureWhenSha512IsConfigured() {
        SignatureScheme scheme = scheme(Map.of("header", "X-Sig", "algorithm", "SHA-512", "eventIdField", "/id"));
        SignedRequest request = request(BODY, "X-Sig", hmacSha256Hex(SECRET, BODY));

        assertThatThrownBy(() -> scheme.verify(request, List.of(SECRET), TOLERANCE, NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void stripsTheConfiguredPrefixAndRefusesASignatureWithoutIt() {
        SignatureScheme scheme = scheme(Map.of("header", "X-Sig", "prefix", "sha256=", "eventIdField", "/id"));
        String hex = hmacSha256Hex(SECRET, BODY);

        assertThatCode(() -> scheme.verify(request(BODY, "X-Sig", "sha256=" + hex), List.of(SECRET), TOLERANCE, NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> scheme.verify(request(BODY, "X-Sig", hex), List.of(SECRET), TOLERANCE, NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("X-Sig does not start with 'sha256='");
    }

    @Test
    void acceptsTheSecondActiveSecretAndRefusesAWrongOne() {
        SignatureScheme scheme = scheme(Map.of("header", "X-Sig", "eventIdField", "/id"));
        SignedRequest request = request(BODY, "X-Sig", hmacSha256Hex(SECRET, BODY));

        assertThatCode(() -> scheme.verify(request, List.of("old", SECRET), TOLERANCE, NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> scheme.verify(request, List.of("other"), TOLERANCE, NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void refusesATamperedBodyAMissingHeaderAndGarbage() {
        SignatureScheme scheme = scheme(Map.of("header", "X-Sig", "encoding", "base64", "eventIdField", "/id"));
        String signature = hmacBase64("HmacSHA256", SECRET.getBytes(StandardCharsets.UTF_8), BODY);

        assertThatThrownBy(() -> scheme.verify(request(tampered(BODY, 5), "X-Sig", signature), List.of(SECRET),
                TOLERANCE, NOW)).isInstanceOf(SignatureException.class).hasMessage("no signature matched");
        assertThatThrownBy(() -> scheme.verify(request(BODY), List.of(SECRET), TOLERANCE, NOW))
                .isInstanceOf(SignatureException.class).hasMessage("no X-Sig header");
        assertThatThrownBy(() -> scheme.verify(request(BODY, "X-Sig", "***"), List.of(SECRET), TOLERANCE, NOW))
                .isInstanceOf(SignatureException.class).hasMessage("no signature matched");
    }

    @Test
    void ignoresTimeBecauseTheBodyAloneIsSigned() {
        SignatureScheme scheme = scheme(Map.of("header", "X-Sig", "eventIdField", "/id"));
        SignedRequest request = request(BODY, "X-Sig", hmacSha256Hex(SECRET, BODY));

        assertThatCode(() -> scheme.verify(request, List.of(SECRET), Duration.ZERO, Instant.EPOCH))
                .doesNotThrowAnyException();
    }

    @Test
    void identifiesFromBodyFields() throws Exception {
        SignatureScheme scheme = scheme(Map.of("header", "X-Sig", "eventIdField", "/n",
                "eventTypeField", "/event/name"));

        assertThat(scheme.identify(request(BODY), json(BODY))).isEqualTo(new EventIdentity("42", "order.paid", true, true));
    }

    @Test
    void marksAnIdOrTypeFromAHeaderAsUnsigned() throws Exception {
        SignatureScheme idFromHeader = scheme(Map.of("header", "X-Sig", "eventIdHeader", "X-Event-Id",
                "eventTypeField", "/event/name"));
        SignatureScheme typeFromHeader = scheme(Map.of("header", "X-Sig", "eventIdField", "/n",
                "eventTypeHeader", "X-Event-Type"));
        SignedRequest request = request(BODY, "X-Event-Id", "e-1", "X-Event-Type", "thing.happened");

        assertThat(idFromHeader.identify(request, json(BODY))).isEqualTo(new EventIdentity("e-1", "order.paid", false, true));
        assertThat(typeFromHeader.identify(request, json(BODY))).isEqualTo(new EventIdentity("42", "thing.happened", true, false));
        assertThat(idFromHeader.signatureHeaders()).containsExactly("x-sig");
    }

    @Test
    void identifiesFromHeaders() throws Exception {
        SignatureScheme scheme = scheme(Map.of("header", "X-Sig", "eventIdHeader", "X-Event-Id",
                "eventTypeHeader", "X-Event-Type"));
        SignedRequest request = request(BODY, "x-event-id", "e-77", "X-EVENT-TYPE", "thing.happened");

        assertThat(scheme.identify(request, json(BODY))).isEqualTo(new EventIdentity("e-77", "thing.happened", false, false));
    }

    @Test
    void leavesTypeNullWhenNotConfiguredOrAbsent() throws Exception {
        SignatureScheme untyped = scheme(Map.of("header", "X-Sig", "eventIdField", "/id"));
        SignatureScheme typed = scheme(Map.of("header", "X-Sig", "eventIdField", "/id", "eventTypeField", "/type"));

        assertThat(untyped.identify(request(BODY), json(BODY)).eventType()).isNull();
        assertThat(typed.identify(request(BODY), json(BODY)).eventType()).isNull();
    }

    @Test
    void identifyNamesTheMissingId() {
        SignatureScheme byField = scheme(Map.of("header", "X-Sig", "eventIdField", "/data/id"));
        SignatureScheme byHeader = scheme(Map.of("header", "X-Sig", "eventIdHeader", "X-Event-Id"));

        assertThatThrownBy(() -> byField.identify(request(BODY), json(BODY)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("no event id: body field 'data/id' is missing");
        assertThatThrownBy(() -> byHeader.identify(request(BODY), json(BODY)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("no event id: header 'X-Event-Id' is missing");
    }

    @Test
    void refusesOptionsItCannotUse() {
        assertBadOptions(Map.of("eventIdField", "/id"), "'header'");
        assertBadOptions(Map.of("header", "X-Sig"), "'eventIdHeader' or 'eventIdField'");
        assertBadOptions(Map.of("header", "X-Sig", "eventIdField", "/id", "eventIdHeader", "X-Id"), "exclude");
        assertBadOptions(Map.of("header", "X-Sig", "eventIdField", "/id", "eventTypeField", "/t",
                "eventTypeHeader", "X-T"), "exclude");
        assertBadOptions(Map.of("header", "X-Sig", "eventIdField", "/id", "algorithm", "MD5"), "'algorithm'");
        assertBadOptions(Map.of("header", "X-Sig", "eventIdField", "/id", "encoding", "base32"), "'encoding'");
        assertBadOptions(Map.of("header", "X-Sig", "eventIdField", "id"), "'eventIdField'");
        assertBadOptions(Map.of("header", "X-Sig", "eventIdField", "/a~2"), "'eventIdField'");
        assertBadOptions(Map.of("header", "X-Sig", "eventIdField", "/id", "eventTypeField", "type"),
                "'eventTypeField'");
        assertBadOptions(Map.of("header", "X-Sig", "eventIdField", "/id", "secret", "x"), "'secret'");
    }

    @Test
    void treatsBlankOptionsAsAbsent() {
        Map<String, String> options = new HashMap<>(Map.of("header", "X-Sig", "eventIdField", "/id"));
        options.put("prefix", " ");
        options.put("eventTypeHeader", "");

        SignatureScheme scheme = scheme(options);
        SignedRequest request = request(BODY, "X-Sig", hmacSha256Hex(SECRET, BODY));

        assertThatCode(() -> scheme.verify(request, List.of(SECRET), TOLERANCE, NOW)).doesNotThrowAnyException();
    }

    private static SignatureScheme scheme(Map<String, String> options) {
        return SignatureSchemes.create("hmac", options);
    }

    private static void assertBadOptions(Map<String, String> options, String named) {
        assertThatThrownBy(() -> scheme(options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }
}
