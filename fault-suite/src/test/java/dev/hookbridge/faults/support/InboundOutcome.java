package dev.hookbridge.faults.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an inbound load through a fault ended: the answers by status, the reconciliation of what was
 * acknowledged, and the prepared transactions left in PostgreSQL and the broker. Read once the load
 * has stopped; the subscription of the events is removed.
 */
public record InboundOutcome(InboundLoad load, Map<Integer, Long> answersByStatus, Reconciliation reconciliation,
                             int preparedInPostgres, int preparedInBroker) {

    public static InboundOutcome of(InboundLoad load, String source, EventsTap tap, Duration limit) {
        Map<Integer, Long> byStatus = load.sentBetween(Instant.EPOCH, Instant.now()).stream()
                .collect(Collectors.groupingBy(InboundLoad.Exchange::status, TreeMap::new, Collectors.counting()));
        Reconciliation result = Reconciliation.of(source, load.acknowledged(), tap, limit);
        tap.unsubscribe();
        return new InboundOutcome(load, byStatus, result, Database.preparedTransactions(),
                FaultStack.brokerManagement().preparedTransactions().size());
    }

    /** The fault table's row, its notes starting with the fault's own and ending with these figures. */
    public FaultTable.Row row(String fault, int cycles, String notes) {
        return new FaultTable.Row(fault, cycles, load.sent(), reconciliation.acknowledged(), reconciliation.found(),
                reconciliation.duplicates(), reconciliation.lost(),
                String.format("%s; answers %s (0 = none), %d answered 503 (%d without Retry-After); %d stored but unanswered"
                                + " and processed; prepared left: %d PostgreSQL, %d broker",
                        notes, answersByStatus, load.refused503(), load.withoutRetryAfter(),
                        reconciliation.unacknowledgedButStored(), preparedInPostgres, preparedInBroker));
    }

    /**
     * What every inbound fault must keep: answers 200 or 503 with Retry-After (or none), no fresh id
     * taken for a duplicate, every acknowledged webhook processed and published once, nothing left
     * prepared.
     */
    public void assertNothingLostOrDoubled() {
        assertThat(load.unexpected()).as("answers other than 200/503/none").isEmpty();
        assertThat(load.withoutRetryAfter()).as("503 without Retry-After").isZero();
        assertThat(load.acknowledgedAsDuplicate()).as("fresh ids answered as duplicates").isZero();
        assertThat(reconciliation.problems()).as("reconciliation").isEmpty();
        assertThat(reconciliation.lost()).isZero();
        assertThat(reconciliation.duplicates()).isZero();
        assertThat(preparedInPostgres).as("prepared transactions left in PostgreSQL").isZero();
        assertThat(preparedInBroker).as("prepared transactions left in the broker").isZero();
    }
}
