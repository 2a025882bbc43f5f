package dev.hookbridge.signature;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class StandardWebhooksSignerTest {

    // Standard Webhooks test vector (standard-webhooks repository, Java library tests).
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void producesThePublishedSignature() {
        String signature = StandardWebhooksSigner.sign(List.of(SECRET), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsWithEveryActiveSecretAndTheVerifierAcceptsEither() throws Exception {
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);
        byte[] body = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
        String header = StandardWebhooksSigner.sign(List.of(SECRET, other), "evt_1", 1700000000L, body);
        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));

        SignedRequest request = new SignedRequest(body, Map.of("webhook-id", List.of("evt_1"),
                "webhook-timestamp", List.of("1700000000"), "webhook-signature", List.of(header)));
        SignatureScheme verifier = SignatureSchemes.create("standard", Map.of());
        for (String secret : List.of(SECRET, other)) {
            assertThatCode(() -> verifier.verify(request, List.of(secret), Duration.ofMinutes(5),
                    Instant.ofEpochSecond(1700000000L))).doesNotThrowAnyException();
        }
    }
}
