package dev.hookbridge.testsupport;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;

/**
 * How the tests wait for outcomes (with Awaitility): polled in the caller's thread (a probe may use
 * objects bound to it, like a browser page), with a generous limit, because tests wait for outcomes
 * and never time them.
 *
 * <pre>
 * JsonObject row = Waits.await("the event to be PROCESSED").until(() -> detail(id), r -> r.getString("status").equals("PROCESSED"));
 * </pre>
 */
public final class Waits {

    /** The limit of a wait that sets none. */
    public static final Duration LIMIT = Duration.ofSeconds(60);

    private Waits() {
    }

    /** Asks at once and every 100 ms, until {@link #LIMIT}; an exception of the probe fails the wait at once. */
    public static ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(LIMIT).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100));
    }

    /**
     * Asks at once and every 250 ms, until {@link #LIMIT}, and asks again after an exception of the
     * probe: under faults the server asked may be down for a while.
     */
    public static ConditionFactory awaitThroughErrors(String what) {
        return Awaitility.await(what).atMost(LIMIT).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions();
    }

    /** A fixed pause (load running for a while, an outage lasting a while), not a wait for an outcome. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
