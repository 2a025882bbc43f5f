package dev.hookbridge.it.handlers;

import dev.hookbridge.inbox.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-app observers deployed only in the tests' EAR, used the way a shop's own code would use the
 * {@link InboundEvent} extension point, failing on purpose:
 * "test.poison" always fails; "test.flaky" fails its first two processings, then succeeds;
 * "test.revivable" fails its first five (the broker's delivery limit: DEAD, parked in the DLQ) and
 * succeeds once ops move it back.
 */
@ApplicationScoped
public class TestEventHandlers {

    public static final String POISON = "test.poison";
    public static final String FLAKY = "test.flaky";
    public static final int FLAKY_FAILURES = 2;
    public static final String REVIVABLE = "test.revivable";
    public static final int REVIVABLE_FAILURES = 5;

    private final Map<Long, AtomicInteger> flakyAttempts = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> revivableAttempts = new ConcurrentHashMap<>();

    void on(@Observes InboundEvent event) {
        if (POISON.equals(event.eventType())) {
            throw new IllegalStateException("poison event " + event.eventId() + " always fails");
        }
        if (FLAKY.equals(event.eventType())
                && flakyAttempts.computeIfAbsent(event.inboxId(), id -> new AtomicInteger()).incrementAndGet() <= FLAKY_FAILURES) {
            throw new IllegalStateException("flaky event " + event.eventId() + " fails this time");
        }
        if (REVIVABLE.equals(event.eventType())
                && revivableAttempts.computeIfAbsent(event.inboxId(), id -> new AtomicInteger()).incrementAndGet() <= REVIVABLE_FAILURES) {
            throw new IllegalStateException("revivable event " + event.eventId() + " fails until it is dead");
        }
    }
}
