package dev.hookbridge.outbox;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/** Wakes the dispatcher once a transaction that created deliveries has committed (not before: they would not be visible). */
@ApplicationScoped
public class DispatcherWakeUp {

    @EJB
    OutboxDispatcher dispatcher;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesCreated created) {
        dispatcher.wake();
    }
}
