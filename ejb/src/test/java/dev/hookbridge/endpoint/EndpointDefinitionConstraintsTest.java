package dev.hookbridge.endpoint;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointDefinitionConstraintsTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @Test
    void aWholeDefinitionBreaksNoConstraint() {
        assertThat(broken(endpoint("https://example.com/hook", List.of("order.*"), 10, Map.of("Authorization", "Bearer x")))).isEmpty();
        assertThat(broken(endpoint("HTTP://example.com:8080/", List.of("*"), null, null))).isEmpty();
    }

    @Test
    void theUrlIsAnAbsoluteHttpUrlWithoutCredentials() {
        assertThat(broken(endpoint(null, List.of("a.b"), null, null))).containsExactly("url is required");
        assertThat(broken(endpoint(" ", List.of("a.b"), null, null))).contains("url is required");
        for (String url : List.of("not a url", "ftp://example.com/hook", "file:///etc/passwd", "gopher://example.com/", "/relative")) {
            assertThat(broken(endpoint(url, List.of("a.b"), null, null))).as(url)
                    .containsExactly("url must be an absolute http or https URL with a host");
        }
        assertThat(broken(endpoint("https://user:pw@example.com/", List.of("a.b"), null, null)))
                .containsExactly("url may not contain credentials; use headers instead");
    }

    @Test
    void eventTypesAreExactOrPrefixes() {
        assertThat(broken(endpoint("https://example.com/", null, null, null))).singleElement().asString().startsWith("eventTypes must name");
        assertThat(broken(endpoint("https://example.com/", List.of(), null, null))).singleElement().asString().startsWith("eventTypes must name");
        assertThat(broken(endpoint("https://example.com/", List.of("a*.b"), null, null))).singleElement().asString().startsWith("eventTypes ");
        assertThat(broken(endpoint("https://example.com/", List.of(" "), null, null))).singleElement().asString().startsWith("eventTypes ");
        assertThat(broken(endpoint("https://example.com/", Arrays.asList("a.b", null), null, null)))
                .singleElement().asString().startsWith("eventTypes ");
    }

    @Test
    void rateLimitAndHeadersHaveTheirBounds() {
        assertThat(broken(endpoint("https://example.com/", List.of("a"), 0, null))).containsExactly("rateLimitPerSecond must be between 1 and 10000");
        assertThat(broken(endpoint("https://example.com/", List.of("a"), 10_001, null)))
                .containsExactly("rateLimitPerSecond must be between 1 and 10000");
        for (String reserved : List.of("Host", "content-type", "Webhook-Signature", "bad header", "")) {
            assertThat(broken(endpoint("https://example.com/", List.of("a"), null, Map.of(reserved, "v")))).as(reserved)
                    .singleElement().asString().startsWith("headers ");
        }
        assertThat(broken(endpoint("https://example.com/", List.of("a"), null, Map.of("X-Token", "a\r\nInjected: 1"))))
                .singleElement().asString().startsWith("headers ");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("X-Token", null);
        assertThat(broken(endpoint("https://example.com/", List.of("a"), null, nullValue))).singleElement().asString().startsWith("headers ");
    }

    @Test
    void sourcesMayNotBeEmptyNames() {
        EndpointDefinition definition = new EndpointDefinition("https://example.com/", List.of("a"), List.of("gh", ""),
                null, null, null, null, null, null, null, null);
        assertThat(broken(definition)).containsExactly("sources may not hold an empty source name");
    }

    private static EndpointDefinition endpoint(String url, List<String> types, Integer rate, Map<String, String> headers) {
        return new EndpointDefinition(url, types, null, null, null, null, rate, headers, null, null, null);
    }

    private static Set<String> broken(Object value) {
        return VALIDATOR.validate(value).stream().map(EndpointDefinitionConstraintsTest::describe).collect(Collectors.toSet());
    }

    private static String describe(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().iterator().next().getName() + " " + violation.getMessage();
    }
}
