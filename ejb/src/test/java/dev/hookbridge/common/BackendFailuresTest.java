package dev.hookbridge.common;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class BackendFailuresTest {

    @Test
    void aDatabaseStartingUpOrShuttingDownOrAConnectionRefusedIsALostConnection() {
        assertThat(BackendFailures.isConnectionLost(new IllegalStateException("wrapped",
                new SQLException("FATAL: the database system is starting up", "57P03")))).isTrue();
        assertThat(BackendFailures.isConnectionLost(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(BackendFailures.isConnectionLost(new SQLException("Connection refused", "08001"))).isTrue();
    }

    @Test
    void whatAnEventOrTheCodeCausesIsNoLostConnection() {
        assertThat(BackendFailures.isConnectionLost(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(BackendFailures.isConnectionLost(new SQLException("invalid byte sequence", "22021"))).isFalse();
        assertThat(BackendFailures.isConnectionLost(new SQLException("permission denied", "42501"))).isFalse();
        assertThat(BackendFailures.isConnectionLost(new IllegalStateException("poison event always fails"))).isFalse();
    }
}
