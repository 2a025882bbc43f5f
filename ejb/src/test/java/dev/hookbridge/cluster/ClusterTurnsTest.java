package dev.hookbridge.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterTurnsTest {

    @Test
    void aTurnEndsATenthOfTheIntervalBeforeTheNextRunAtMostFiveSecondsBefore() {
        assertThat(ClusterTurns.turnLength(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(27));
        assertThat(ClusterTurns.turnLength(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(900));
        assertThat(ClusterTurns.turnLength(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(59).plusSeconds(55));
    }
}
