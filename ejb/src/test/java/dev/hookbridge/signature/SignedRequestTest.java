package dev.hookbridge.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedRequestTest {

    @Test
    void looksUpHeadersIgnoringCaseAndTakesTheFirstValue() {
        SignedRequest request = new SignedRequest(new byte[0],
                Map.of("X-GitHub-Event", List.of(" push ", "issues")));

        assertThat(request.header("x-github-event")).contains("push");
        assertThat(request.header("X-GITHUB-EVENT")).contains("push");
        assertThat(request.header("X-GitHub-Delivery")).isEmpty();
    }

    @Test
    void mergesNamesThatDifferOnlyInCase() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("webhook-id", List.of("msg_1"));
        headers.put("Webhook-Id", List.of("msg_2"));

        assertThat(new SignedRequest(new byte[0], headers).headers().get("WEBHOOK-ID"))
                .containsExactly("msg_1", "msg_2");
    }

    @Test
    void treatsBlankOrEmptyValuesAsAbsent() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Blank", List.of("  "));
        headers.put("X-None", List.of());
        headers.put("X-Nulls", Arrays.asList(null, "v"));
        SignedRequest request = new SignedRequest(new byte[0], headers);

        assertThat(request.header("X-Blank")).isEmpty();
        assertThat(request.header("X-None")).isEmpty();
        assertThat(request.header("X-Nulls")).contains("v");
    }

    @Test
    void acceptsNullsAsEmpty() {
        SignedRequest request = new SignedRequest(null, null);

        assertThat(request.body()).isEmpty();
        assertThat(request.headers()).isEmpty();
        assertThat(request.header("anything")).isEmpty();
    }

    @Test
    void keepsTheBodyBytesAsGiven() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        assertThat(new SignedRequest(body, Map.of()).body()).isSameAs(body);
    }

    @Test
    void printsNeitherBodyNorHeaderValues() {
        SignedRequest request = new SignedRequest("secret body".getBytes(StandardCharsets.UTF_8),
                Map.of("X-Hub-Signature-256", List.of("sha256=abcdef")));

        assertThat(request.toString())
                .isEqualTo("SignedRequest[body=11 bytes, headers=[X-Hub-Signature-256]]");
    }
}
