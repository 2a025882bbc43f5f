package dev.hookbridge.faults;

import dev.hookbridge.faults.support.Api;
import dev.hookbridge.faults.support.Database;
import dev.hookbridge.faults.support.DeadLetters;
import dev.hookbridge.faults.support.EventsTap;
import dev.hookbridge.faults.support.FaultStack;
import dev.hookbridge.faults.support.FaultTable;
import dev.hookbridge.faults.support.InboundLoad;
import dev.hookbridge.faults.support.Profile;
import dev.hookbridge.faults.support.Reconciliation;
import dev.hookbridge.faults.support.ServerLog;
import dev.hookbridge.stack.Stack;
import dev.hookbridge.testsupport.Waits;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WildFly is killed while group messages are being split. A trigger in the database refuses to mark
 * events of one type PROCESSED and every fifth webhook of the load has that type, so most groups fail
 * on their first delivery and are split on their second into one message per event. Each kill is
 * sent as soon as the server logs a split, while that split's transaction commits. At the end every
 * stored event is where it belongs, once: the others PROCESSED and published once, the refused ones
 * DEAD, never published, each with exactly one message of its own in DLQ.webhooks.inbound.
 */
class GroupSplitKillIT {

    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);
    private static final int REFUSED_EVERY = 5;
    /** What the processing MDB logs when it splits a group message. */
    private static final String SPLIT_LINE = "Split a group of";

    @Test
    void killsWhileGroupsAreSplitLoseAndRepeatNothing() {
        Profile profile = Profile.current();
        Stack stack = FaultStack.get();
        String source = Api.uniqueName("split");
        String secret = Api.createStandardSource(source, Map.of());
        EventsTap tap = EventsTap.subscribe(source);
        refuseProcessing(InboundLoad.REFUSED_TYPE);
        try {
            ServerLog splits = ServerLog.follow(stack.wildfly().logFile(), SPLIT_LINE);
            int killsRightAfterSplit = 0;
            // Distinct: a transaction still in doubt at the next kill (recovery scans every 10 s) counts once.
            Set<String> brokerPreparedAtKills = new HashSet<>();
            InboundLoad load = InboundLoad.start(stack.wildfly().baseUrl(), source, secret, profile.loadClients(), REFUSED_EVERY);
            try {
                for (int cycle = 1; cycle <= profile.splitKillCycles(); cycle++) {
                    Waits.pause(profile.loadPerCycle());
                    boolean rightAfterSplit = splits.awaitNext(Duration.ofSeconds(10));
                    stack.wildfly().kill();
                    if (rightAfterSplit) {
                        killsRightAfterSplit++;
                    }
                    List<String> brokerInDoubt = FaultStack.brokerManagement().preparedTransactions();
                    brokerPreparedAtKills.addAll(brokerInDoubt);
                    stack.wildfly().start();
                    System.out.printf("split kill cycle %d: %s, %d transactions in doubt in the broker at the kill%n",
                            cycle, rightAfterSplit ? "killed right after a split was logged" : "no split logged within 10 s",
                            brokerInDoubt.size());
                }
                Waits.pause(profile.loadPerCycle());
            } finally {
                load.stop();
            }

            Reconciliation result = Reconciliation.of(source, load.acknowledged(), load::refused, tap, RECOVERY_LIMIT);
            tap.unsubscribe();
            Map<String, String> inbox = Database.inboxStatuses(source);
            List<String> deadEvents = inbox.entrySet().stream().filter(row -> "DEAD".equals(row.getValue()))
                    .map(Map.Entry::getKey).sorted().toList();
            Map<String, Long> onePerDeadEvent = deadEvents.stream()
                    .collect(Collectors.toMap(id -> id, id -> 1L, (a, b) -> a, TreeMap::new));
            // The DEAD mark commits just before the last delivery's rollback sends the message to the DLQ.
            Map<String, Long> deadLettered;
            try {
                deadLettered = Waits.awaitThroughErrors("one message in the DLQ per DEAD event").atMost(Duration.ofSeconds(60))
                        .until(() -> DeadLetters.byEventId("source = '" + source + "'"), onePerDeadEvent::equals);
            } catch (ConditionTimeoutException notYet) {
                deadLettered = DeadLetters.byEventId("source = '" + source + "'");
            }
            long groupsInDlq = DeadLetters.count("eventCount IS NOT NULL");
            int splitsLogged = splits.lines();
            FaultTable.add(new FaultTable.Row("WildFly SIGKILL while group messages are split", profile.splitKillCycles(),
                    load.sent(), result.acknowledged(), result.found(), result.duplicates(), result.lost(),
                    String.format("every %dth webhook refused by processing (must end DEAD, never published); %d groups split,"
                                    + " %d of %d kills sent right after a split was logged; %d transactions in doubt in the broker at the kills;"
                                    + " %d events DEAD, %d messages of the source in the DLQ, %d group messages there;"
                                    + " %d stored but unanswered (kill); %d answered 503, %d without answer",
                            REFUSED_EVERY, splitsLogged, killsRightAfterSplit, profile.splitKillCycles(), brokerPreparedAtKills.size(),
                            deadEvents.size(), deadLettered.values().stream().mapToLong(Long::longValue).sum(), groupsInDlq,
                            result.unacknowledgedButStored(), load.refused503(), load.noAnswer())));

            assertThat(load.unexpected()).as("answers other than 200/503/none").isEmpty();
            assertThat(result.acknowledged()).as("acknowledged webhooks").isPositive();
            assertThat(splitsLogged).as("group messages split").isPositive();
            assertThat(killsRightAfterSplit).as("kills sent right after a split was logged").isPositive();
            assertThat(result.problems()).as("reconciliation").isEmpty();
            assertThat(result.lost()).isZero();
            assertThat(result.duplicates()).isZero();
            assertThat(deadEvents).as("DEAD events (the refused ones)").isNotEmpty();
            assertThat(deadLettered).as("the DLQ's messages of the source, by event id: one per DEAD event")
                    .isEqualTo(onePerDeadEvent);
            assertThat(groupsInDlq).as("group messages in the DLQ (only single events are dead-lettered)").isZero();
            assertThat(Database.preparedTransactions()).as("prepared transactions left in PostgreSQL").isZero();
            assertThat(FaultStack.brokerManagement().preparedTransactions()).as("prepared transactions left in the broker").isEmpty();
        } finally {
            Database.execute("drop trigger if exists fault_refuse_processing on inbox_event");
        }
    }

    /** A trigger that fails every statement marking an event of the type PROCESSED, as a bug in processing would. */
    private static void refuseProcessing(String eventType) {
        Database.execute("""
                create or replace function fault_refuse_processing() returns trigger language plpgsql as $$
                begin
                  raise exception 'fault suite: processing of event % (type %) refused', new.event_id, new.event_type;
                end $$""");
        Database.execute("drop trigger if exists fault_refuse_processing on inbox_event");
        Database.execute("create trigger fault_refuse_processing before update of status on inbox_event for each row"
                + " when (new.status = 'PROCESSED' and new.event_type = '" + eventType + "')"
                + " execute function fault_refuse_processing()");
    }
}
