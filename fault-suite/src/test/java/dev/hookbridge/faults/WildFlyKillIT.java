package dev.hookbridge.faults;

import dev.hookbridge.faults.support.Api;
import dev.hookbridge.faults.support.Database;
import dev.hookbridge.faults.support.EventsTap;
import dev.hookbridge.faults.support.FaultStack;
import dev.hookbridge.faults.support.FaultTable;
import dev.hookbridge.faults.support.InboundLoad;
import dev.hookbridge.faults.support.Profile;
import dev.hookbridge.faults.support.Reconciliation;
import dev.hookbridge.stack.Stack;
import dev.hookbridge.testsupport.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WildFly is killed with SIGKILL while signed webhooks keep arriving and the MDBs keep processing,
 * then started again, cycle after cycle. Two-phase transactions the kill left prepared in PostgreSQL
 * must be resolved by WildFly's XA recovery after the restart; at the end every acknowledged webhook
 * is PROCESSED and published on webhooks.events exactly once. The load's clients send at the same
 * time, so the intake stores them in groups: the kills cut group commits and group processing.
 */
class WildFlyKillIT {

    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);

    @Test
    void acknowledgedWebhooksSurviveSigkillsAndAreProcessedOnce() {
        Profile profile = Profile.current();
        Stack stack = FaultStack.get();
        String source = Api.uniqueName("kill");
        String secret = Api.createStandardSource(source, Map.of());
        EventsTap tap = EventsTap.subscribe(source);

        int cyclesWithPrepared = 0;
        int preparedLeftByKills = 0;
        int brokerPreparedLeftByKills = 0;
        long slowestRecoveryMillis = 0;
        InboundLoad load = InboundLoad.start(stack.wildfly().baseUrl(), source, secret, profile.loadClients());
        try {
            for (int cycle = 1; cycle <= profile.wildflyKillCycles(); cycle++) {
                Waits.pause(profile.loadPerCycle());
                // Kill while two-phase commits are under way, when one can be caught (bounded wait).
                Instant catchUntil = Instant.now().plusSeconds(3);
                while (Database.preparedTransactions() == 0 && Instant.now().isBefore(catchUntil)) {
                    Waits.pause(Duration.ofMillis(5));
                }
                stack.wildfly().kill();
                List<List<String>> inDoubt = Database.rows("select gid from pg_prepared_xacts");
                Set<String> inDoubtGids = new HashSet<>();
                inDoubt.forEach(row -> inDoubtGids.add(row.get(0)));
                if (!inDoubtGids.isEmpty()) {
                    cyclesWithPrepared++;
                    preparedLeftByKills += inDoubtGids.size();
                }
                List<String> brokerInDoubt = FaultStack.brokerManagement().preparedTransactions();
                brokerPreparedLeftByKills += brokerInDoubt.size();
                Instant restart = Instant.now();
                stack.wildfly().start();
                // XA recovery resolves (commits or rolls back) exactly these; new ones come and go with the load.
                Waits.awaitThroughErrors("XA recovery to resolve the prepared transactions " + inDoubtGids).atMost(RECOVERY_LIMIT)
                        .until(() -> Database.rows("select gid from pg_prepared_xacts").stream().map(r -> r.get(0))
                                .filter(inDoubtGids::contains).toList(),
                        List::isEmpty);
                Waits.awaitThroughErrors("XA recovery to resolve the broker's prepared transactions " + brokerInDoubt).atMost(RECOVERY_LIMIT)
                        .until(() -> FaultStack.brokerManagement().preparedTransactions().stream().filter(brokerInDoubt::contains).toList(),
                        List::isEmpty);
                slowestRecoveryMillis = Math.max(slowestRecoveryMillis, Duration.between(restart, Instant.now()).toMillis());
                System.out.printf("kill cycle %d: %d transactions in doubt in PostgreSQL and %d in the broker at the kill,"
                                + " resolved %d ms after the restart began%n",
                        cycle, inDoubtGids.size(), brokerInDoubt.size(), Duration.between(restart, Instant.now()).toMillis());
            }
            Waits.pause(profile.loadPerCycle());
        } finally {
            load.stop();
        }

        Reconciliation result = Reconciliation.of(source, load.acknowledged(), tap, RECOVERY_LIMIT);
        tap.unsubscribe();
        // The intake stores webhooks that arrive together in one transaction, with one received_at:
        // how many events were stored in groups of two or more, so the kills met group commits.
        int storedInGroups = Database.queryInt("""
                select coalesce(sum(n), 0)::int from (select count(*) n from inbox_event where source = ?
                 group by received_at having count(*) > 1) g""", source);
        int preparedAtEnd = Database.preparedTransactions();
        int brokerPreparedAtEnd = FaultStack.brokerManagement().preparedTransactions().size();
        FaultTable.add(new FaultTable.Row("WildFly SIGKILL under inbound load", profile.wildflyKillCycles(), load.sent(),
                result.acknowledged(), result.found(), result.duplicates(), result.lost(),
                String.format("in doubt at the kills: %d prepared in PostgreSQL (%d of the kills), %d in the broker; all resolved by"
                                + " recovery (slowest: %d s after the restart began, boot included); %d + %d prepared at the end; %d stored but unanswered (kill) and processed;"
                                + " %d answered 503, %d without answer; %d events stored in groups of two or more",
                        preparedLeftByKills, cyclesWithPrepared, brokerPreparedLeftByKills, slowestRecoveryMillis / 1000,
                        preparedAtEnd, brokerPreparedAtEnd,
                        result.unacknowledgedButStored(), load.refused503(), load.noAnswer(), storedInGroups)));

        assertThat(load.unexpected()).as("answers other than 200/503/none").isEmpty();
        assertThat(load.withoutRetryAfter()).as("503 without Retry-After").isZero();
        assertThat(load.acknowledgedAsDuplicate()).as("fresh ids answered as duplicates").isZero();
        assertThat(result.acknowledged()).as("acknowledged webhooks").isPositive();
        assertThat(storedInGroups).as("events stored in groups (the kills met group commits)").isPositive();
        assertThat(result.problems()).as("reconciliation").isEmpty();
        assertThat(result.lost()).isZero();
        assertThat(result.duplicates()).isZero();
        assertThat(preparedAtEnd).as("prepared transactions left in PostgreSQL after recovery").isZero();
        assertThat(brokerPreparedAtEnd).as("prepared transactions left in the broker after recovery").isZero();
    }
}
