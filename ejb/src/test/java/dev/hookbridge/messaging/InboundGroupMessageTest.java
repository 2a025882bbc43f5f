package dev.hookbridge.messaging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A group message's body names each event as its own message would, its trace context included. */
class InboundGroupMessageTest {

    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void eachEventIsReadBackAsItWasQueuedWithItsOwnTraceOrNone() {
        List<QueuedEvent> events = List.of(new QueuedEvent(7, "stripe", "evt_1", "charge.succeeded", null, TRACE),
                new QueuedEvent(8, "github", "gh-2", null, null, null));

        String body = InboundGroupMessage.body(events);

        assertThat(InboundGroupMessage.events(body)).isEqualTo(events);
        assertThat(body).contains("\"traceparent\":\"" + TRACE + "\"").containsOnlyOnce("traceparent");
    }

    @Test
    void anEventWithAnOrderingGroupIsNeverPutInAGroupMessage() {
        assertThatThrownBy(() -> InboundGroupMessage.body(List.of(new QueuedEvent(9, "s", "e", "t", "customer-1", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordering group");
    }

    @Test
    void aBodyThatIsNotTheArrayOfEventsIsRefused() {
        assertThatThrownBy(() -> InboundGroupMessage.events("{\"inboxId\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InboundGroupMessage.events(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
