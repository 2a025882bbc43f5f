package dev.hookbridge.it;

import dev.hookbridge.it.support.Management;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.testsupport.Waits;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liveness and readiness on the management interface (docs/operations.md, "Health"): ready while
 * PostgreSQL and the broker are reachable, not ready (503) while either is really stopped, and
 * ready again by itself once it is back. Each outage test restarts what it stopped and waits until
 * the stack is ready again, so the tests after it find it healthy.
 */
@SystemTest
class HealthIT {

    /** How long one readiness probe may take while a backend is down: it must fail fast, not hang. */
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(5);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(90);

    @Test
    void liveAndReadyWhenEverythingRuns() {
        Reply live = Management.get("/health/live");
        assertThat(live.status()).as(live.toString()).isEqualTo(200);
        assertThat(live.json().getString("status")).isEqualTo("UP");

        Reply ready = awaitReady();
        assertThat(checks(ready)).containsEntry("hookbridge-database", "UP").containsEntry("hookbridge-broker", "UP");
    }

    @Test
    void notReadyWhileTheBrokerIsStopped() {
        awaitReady();
        TestStack.get().broker().stop();
        try {
            Reply down = awaitNotReady();
            assertThat(checks(down)).containsEntry("hookbridge-broker", "DOWN").containsEntry("hookbridge-database", "UP");
            assertLiveness();
        } finally {
            TestStack.get().broker().start();
        }
        assertThat(checks(awaitReady())).containsEntry("hookbridge-broker", "UP");
    }

    @Test
    void notReadyWhileTheDatabaseIsStopped() {
        awaitReady();
        TestStack.get().postgres().stop();
        try {
            Reply down = awaitNotReady();
            assertThat(checks(down)).containsEntry("hookbridge-database", "DOWN").containsEntry("hookbridge-broker", "UP");
            assertLiveness();
        } finally {
            TestStack.get().postgres().start();
        }
        assertThat(checks(awaitReady())).containsEntry("hookbridge-database", "UP");
    }

    /** A dead backend does not make the server itself unhealthy: restarting it would not help. */
    private static void assertLiveness() {
        assertThat(Management.get("/health/live").status()).isEqualTo(200);
    }

    private static Reply awaitReady() {
        return Waits.await("/health/ready to answer 200 UP").atMost(RECOVERY_LIMIT).until(HealthIT::timedReady, r -> r.status() == 200);
    }

    private static Reply awaitNotReady() {
        Reply down = Waits.await("/health/ready to answer 503 DOWN").atMost(Duration.ofSeconds(30)).until(HealthIT::timedReady,
                r -> r.status() == 503);
        assertThat(down.json().getString("status")).isEqualTo("DOWN");
        return down;
    }

    /** One readiness probe, which must answer within {@link #PROBE_LIMIT} whatever the backends do. */
    private static Reply timedReady() {
        long start = System.nanoTime();
        Reply reply = Management.get("/health/ready");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("readiness probe answered %s after %s", reply, took).isLessThan(PROBE_LIMIT);
        return reply;
    }

    /** Check name → status. */
    private static Map<String, String> checks(Reply ready) {
        return ready.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), (JsonObject c) -> c.getString("status"), (a, b) -> a));
    }
}
