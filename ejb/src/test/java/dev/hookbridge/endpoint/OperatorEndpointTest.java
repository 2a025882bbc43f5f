package dev.hookbridge.endpoint;

import dev.hookbridge.common.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Operator endpoints: what they may subscribe to, and that they and other endpoints never share an event. */
class OperatorEndpointTest {

    @Test
    void anOperatorEndpointSubscribesToOperationalTypesOrPrefixesOnly() {
        operator(List.of("endpoint.failing", "delivery.dead")).validate();
        operator(List.of("*")).validate();
        operator(List.of("endpoint.*", "inbound.dlq.growing")).validate();

        assertThatThrownBy(() -> operator(List.of("endpoint.failing", "endpoint.failed")).validate())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'endpoint.failed' is none of them")
                .hasMessageContaining("endpoint.failing, endpoint.recovered, endpoint.disabled, delivery.dead, inbound.dead,"
                        + " inbound.dlq.growing, outbound.backlog");
        assertThatThrownBy(() -> new EndpointDefinition("https://ops.example.com/", List.of("*"), List.of("github"),
                null, null, null, null, null, true, null, null).validate())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("it takes no sources");
    }

    @Test
    void anEndpointThatIsNoOperatorSubscribesToAnyType() {
        new EndpointDefinition("https://example.com/", List.of("order.created"), List.of("github"),
                null, null, null, null, null, false, null, null).validate();
        new EndpointDefinition("https://example.com/", List.of("endpoint.failing"), null,
                null, null, null, null, null, null, null, null).validate();
    }

    @Test
    void operationalEventsReachOperatorEndpointsOnlyAndTheShopsEventsReachTheOthersOnly() {
        Endpoint operator = endpoint(operator(List.of("endpoint.*")));
        Endpoint ordinary = endpoint(new EndpointDefinition("https://example.com/", List.of("*"), null,
                null, null, null, null, null, null, null, null));

        assertThat(operator.wantsOperational("endpoint.failing")).isTrue();
        assertThat(operator.wantsOperational("delivery.dead")).as("not among its types").isFalse();
        assertThat(operator.wants("endpoint.failing", null)).as("a shop's event of the same name").isFalse();

        assertThat(ordinary.wants("endpoint.failing", null)).isTrue();
        assertThat(ordinary.wantsOperational("endpoint.failing")).isFalse();
    }

    private static EndpointDefinition operator(List<String> types) {
        return new EndpointDefinition("https://ops.example.com/", types, null, null, null, null, null, null, true, null, null);
    }

    private static Endpoint endpoint(EndpointDefinition definition) {
        Instant now = Instant.now();
        Endpoint endpoint = new Endpoint("ep_test", "encrypted", now);
        endpoint.apply(definition, now);
        return endpoint;
    }
}
