package dev.hookbridge.outbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointSlotsTest {

    @Test
    void anEndpointGetsAtMostItsPlacesAndAFreedPlaceCanBeTakenAgain() {
        EndpointSlots slots = new EndpointSlots(2);

        assertThat(slots.tryAcquire("ep_slow")).isTrue();
        assertThat(slots.tryAcquire("ep_slow")).isTrue();
        assertThat(slots.tryAcquire("ep_slow")).as("a third attempt to the same endpoint").isFalse();
        assertThat(slots.tryAcquire("ep_other")).as("another endpoint keeps its places").isTrue();
        assertThat(slots.full()).containsExactly("ep_slow");

        slots.release("ep_slow");

        assertThat(slots.full()).isEmpty();
        assertThat(slots.tryAcquire("ep_slow")).isTrue();
    }

    @Test
    void releasingMoreThanWasTakenNeverGivesExtraPlaces() {
        EndpointSlots slots = new EndpointSlots(1);
        slots.release("ep_1");
        slots.release("ep_1");

        assertThat(slots.tryAcquire("ep_1")).isTrue();
        assertThat(slots.tryAcquire("ep_1")).isFalse();
    }

    @Test
    void aCapBelowOneIsRefused() {
        assertThatThrownBy(() -> new EndpointSlots(0)).hasMessageContaining("max-in-flight-per-endpoint");
    }
}
