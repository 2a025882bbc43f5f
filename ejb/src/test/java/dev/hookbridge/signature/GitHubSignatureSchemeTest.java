package dev.hookbridge.signature;

import static dev.hookbridge.signature.TestRequests.form;
import static dev.hookbridge.signature.TestRequests.json;
import static dev.hookbridge.signature.TestRequests.request;
import static dev.hookbridge.signature.TestRequests.tampered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitHubSignatureSchemeTest {

    // Published vector: GitHub Docs, "Validating webhook deliveries", section "Testing the webhook
    // payload validation" (github/docs content/webhooks/using-webhooks/validating-webhook-deliveries.md).
    private static final String VECTOR_SECRET = "It's a Secret to Everybody";
    private static final String VECTOR_BODY = "Hello, World!";
    private static final String VECTOR_HEADER =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    // GitHub deliveries carry no timestamp: any "now" must do.
    private static final Instant ANY_NOW = Instant.parse("2001-01-01T00:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final SignatureScheme scheme = new GitHubSignatureScheme();

    @Test
    void verifiesGitHubsPublishedVector() {
        assertThatCode(() -> verify(VECTOR_HEADER, VECTOR_BODY, List.of(VECTOR_SECRET)))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsUpperCaseHex() {
        String header = "sha256=" + VECTOR_HEADER.substring("sha256=".length()).toUpperCase();

        assertThatCode(() -> verify(header, VECTOR_BODY, List.of(VECTOR_SECRET))).doesNotThrowAnyException();
    }

    @Test
    void acceptsTheSecondActiveSecretDuringRotation() {
        assertThatCode(() -> verify(VECTOR_HEADER, VECTOR_BODY, List.of("old secret", VECTOR_SECRET)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAWrongSecret() {
        assertThatThrownBy(() -> verify(VECTOR_HEADER, VECTOR_BODY, List.of("It's a Secret to Nobody")))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void refusesABodyWithOneByteChanged() {
        SignedRequest request = request(tampered(VECTOR_BODY, 0), "X-Hub-Signature-256", VECTOR_HEADER);

        assertThatThrownBy(() -> scheme.verify(request, List.of(VECTOR_SECRET), TOLERANCE, ANY_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void refusesAMissingHeader() {
        assertThatThrownBy(() -> scheme.verify(request(VECTOR_BODY), List.of(VECTOR_SECRET), TOLERANCE, ANY_NOW))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no X-Hub-Signature-256 header");
    }

    @Test
    void refusesASignatureWithoutTheSha256Prefix() {
        String header = "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        assertThatThrownBy(() -> verify(header, VECTOR_BODY, List.of(VECTOR_SECRET)))
                .isInstanceOf(SignatureException.class)
                .hasMessage("X-Hub-Signature-256 is not a sha256= signature");
    }

    @Test
    void treatsGarbageHexAsNoMatch() {
        assertThatThrownBy(() -> verify("sha256=not-hex", VECTOR_BODY, List.of(VECTOR_SECRET)))
                .isInstanceOf(SignatureException.class)
                .hasMessage("no signature matched");
    }

    @Test
    void identifiesByDeliveryAndEventWithAction() throws Exception {
        String body = "{\"action\":\"opened\",\"issue\":{\"number\":1}}";
        SignedRequest request = request(body,
                "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                "X-GitHub-Event", "issues");

        assertThat(scheme.identify(request, json(body)))
                .isEqualTo(new EventIdentity("72d3162e-cc78-11e3-81ab-4c9367dc0958", "issues.opened", false, false));
    }

    @Test
    void usesTheEventAloneWhenTheBodyHasNoAction() throws Exception {
        String body = "{\"ref\":\"refs/heads/main\"}";
        SignedRequest request = request(body, "X-GitHub-Delivery", "d-1", "X-GitHub-Event", "push");

        assertThat(scheme.identify(request, json(body))).isEqualTo(new EventIdentity("d-1", "push", false, false));
    }

    @Test
    void leavesTypeNullWithoutAnEventHeader() throws Exception {
        String body = "{\"action\":\"opened\"}";

        assertThat(scheme.identify(request(body, "X-GitHub-Delivery", "d-2"), json(body)))
                .isEqualTo(new EventIdentity("d-2", null, false, true));
    }

    @Test
    void namesBothSignatureHeadersToRedact() {
        assertThat(scheme.signatureHeaders()).containsExactlyInAnyOrder("x-hub-signature-256", "x-hub-signature");
    }

    @Test
    void readsTheActionFromAFormEncodedDelivery() throws Exception {
        String body = "payload=" + URLEncoder.encode("{\"action\":\"created\"}", StandardCharsets.UTF_8);
        SignedRequest request = request(body, "X-GitHub-Delivery", "d-3", "X-GitHub-Event", "star");

        assertThat(scheme.identify(request, form(body))).isEqualTo(new EventIdentity("d-3", "star.created", false, false));
    }

    @Test
    void identifyNamesTheMissingDeliveryHeader() {
        String body = "{\"action\":\"opened\"}";

        assertThatThrownBy(() -> scheme.identify(request(body, "X-GitHub-Event", "issues"), json(body)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("no event id: header 'X-GitHub-Delivery' is missing");
    }

    private void verify(String header, String body, List<String> secrets) throws SignatureException {
        scheme.verify(request(body, "X-Hub-Signature-256", header), secrets, TOLERANCE, ANY_NOW);
    }
}
