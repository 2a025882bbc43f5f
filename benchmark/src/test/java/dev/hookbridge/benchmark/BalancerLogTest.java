package dev.hookbridge.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Counting the balancer's take-outs in its log. */
class BalancerLogTest {

    @Test
    void countsOnlyTheLinesThatTakeANodeOut() {
        String log = """
                Load balancer on 127.0.0.1:18050 for 2 nodes
                Node http://127.0.0.1:18130 is ready: it gets requests
                Node http://127.0.0.1:18230 is not ready: it gets no new requests
                Node http://127.0.0.1:18230 is ready: it gets requests
                Node http://127.0.0.1:18130 is not ready: it gets no new requests
                Checking the nodes failed, trying again: java.lang.RuntimeException
                """;

        assertThat(BalancerLog.takenOut(log)).isEqualTo(2);
        assertThat(BalancerLog.takenOut("")).isZero();
    }
}
