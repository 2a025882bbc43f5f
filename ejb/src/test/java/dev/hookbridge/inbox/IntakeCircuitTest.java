package dev.hookbridge.inbox;

import dev.hookbridge.common.BackendUnavailableException;
import jakarta.jms.JMSRuntimeException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeCircuitTest {

    @Test
    void aLostDatabaseConnectionOrABrokerFailureIsAnOutage() {
        assertThat(IntakeCircuit.isOutage(new IllegalStateException("wrapped", new SQLException("connection refused", "08001")))).isTrue();
        assertThat(IntakeCircuit.isOutage(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(IntakeCircuit.isOutage(new JMSRuntimeException("AMQ219014: Timed out"))).isTrue();
    }

    @Test
    void dataThatOneEventBringsIsNoOutage() {
        assertThat(IntakeCircuit.isOutage(new IllegalStateException("wrapped",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))).isFalse();
        assertThat(IntakeCircuit.isOutage(new SQLException("duplicate key value", "23505"))).isFalse();
    }

    @Test
    void aRefusalOfTheOpenCircuitOrAnApplicationErrorDoesNotOpenItAgain() {
        assertThat(IntakeCircuit.isOutage(new BackendUnavailableException("circuit open"))).isFalse();
        assertThat(IntakeCircuit.isOutage(new IllegalArgumentException("a bug"))).isFalse();
    }
}
