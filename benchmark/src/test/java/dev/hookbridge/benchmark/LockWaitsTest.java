package dev.hookbridge.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary of a window's lock samples. */
class LockWaitsTest {

    @Test
    void noSamplesIsNoWait() {
        LockWaits waits = LockWaits.of(List.of());

        assertThat(waits.samples()).isZero();
        assertThat(waits.samplesWithWait()).isZero();
        assertThat(waits.waitShare()).isZero();
        assertThat(waits.waitedFor()).isEmpty();
    }

    @Test
    void countsSamplesWithAWaitAndTheMostWaitingAtOnce() {
        LockWaits waits = LockWaits.of(List.of(
                new LockSample(0, 0, List.of()),
                new LockSample(2, 3, List.of("transactionid: update delivery set", "transactionid: update delivery set",
                        "transactionid lock", "relation delivery")),
                new LockSample(0, 1, List.of("advisory lock")),
                new LockSample(1, 1, List.of("relation delivery"))));

        assertThat(waits.samples()).isEqualTo(4);
        assertThat(waits.samplesWithWait()).isEqualTo(3);
        assertThat(waits.maxWaitingBackends()).isEqualTo(2);
        assertThat(waits.maxNotGrantedLocks()).isEqualTo(3);
        assertThat(waits.waitShare()).isEqualTo(0.75);
    }

    @Test
    void whatWasWaitedForCountsSamplesNotBackendsMostSeenFirst() {
        LockWaits waits = LockWaits.of(List.of(
                new LockSample(2, 0, List.of("tuple: select a", "tuple: select a")),
                new LockSample(1, 1, List.of("relation delivery", "tuple: select a")),
                new LockSample(0, 1, List.of("relation delivery")),
                new LockSample(0, 1, List.of("relation delivery"))));

        assertThat(waits.waitedFor()).containsExactly(
                org.assertj.core.api.Assertions.entry("relation delivery", 3),
                org.assertj.core.api.Assertions.entry("tuple: select a", 2));
    }
}
