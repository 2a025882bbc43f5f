package dev.hookbridge.faults.cluster;

import dev.hookbridge.faults.support.Api;
import dev.hookbridge.faults.support.EventsTap;
import dev.hookbridge.faults.support.FaultStack;
import dev.hookbridge.faults.support.FaultTable;
import dev.hookbridge.faults.support.InboundLoad;
import dev.hookbridge.faults.support.InboundOutcome;
import dev.hookbridge.faults.support.Profile;
import dev.hookbridge.stack.ArtemisBroker;
import dev.hookbridge.stack.Stack;
import dev.hookbridge.testsupport.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The primary of the Artemis pair is killed (SIGKILL) while signed webhooks keep arriving through the
 * load balancer: the backup takes over, both WildFly nodes' sends and MDB consumers follow it, and every request meanwhile is
 * answered 200 or 503 with Retry-After. Then the old primary comes back, copies the backup's journal
 * and takes its place again (fail-back), under the same load. The reconciliation finds every
 * acknowledged webhook processed and published once, and no prepared transaction left behind.
 * Runs in the suite's second run, on its cluster (fault-suite/pom.xml).
 */
class BrokerPairFailoverIT {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    @Test
    void primaryBrokerKilledUnderInboundLoadThenFailsBack() {
        assumeTrue(FaultStack.cluster(), "runs on the suite's cluster (-Dhookbridge.faults.cluster=true)");
        Profile profile = Profile.current();
        Stack stack = FaultStack.get();
        ArtemisBroker primary = stack.broker();
        ArtemisBroker backup = stack.backupBroker().orElseThrow(() -> new IllegalStateException(
                "this test needs the suite's cluster (-Dhookbridge.faults.cluster=true)"));
        String source = Api.uniqueName("failover");
        String secret = Api.createStandardSource(source, Map.of());
        EventsTap tap = EventsTap.subscribe(source);

        List<Duration> failovers = new ArrayList<>();
        List<Duration> failbacks = new ArrayList<>();
        boolean backupActiveAfterKill = true;
        boolean primaryActiveAfterReturn = true;
        boolean backupPassiveAfterReturn = true;
        InboundLoad load = InboundLoad.start(FaultStack.baseUrl(), source, secret, profile.loadClients());
        try {
            for (int cycle = 1; cycle <= profile.backendOutageCycles(); cycle++) {
                Waits.pause(profile.loadPerCycle());
                Instant killed = Instant.now();
                primary.kill();
                load.awaitMoreAcknowledged("after the primary broker was killed", LIMIT);
                backupActiveAfterKill &= backup.active();
                failovers.add(load.acknowledgementGap(killed));

                Waits.pause(profile.loadPerCycle());
                Instant restarted = Instant.now();
                long backupLog = backup.logPosition();
                primary.start();
                // The primary's port opens once it has copied the backup's journal and the backup has handed over.
                Waits.awaitThroughErrors("the backup to hand over to the returning primary").atMost(LIMIT)
                        .until(backup::active, active -> !active);
                load.awaitMoreAcknowledged("after the fail-back to the primary", LIMIT);
                primaryActiveAfterReturn &= primary.active();
                // Backup again: alive, its port closed, and in sync with the primary (so it can take over the next kill).
                Waits.awaitThroughErrors("the backup to be in sync with the primary again").atMost(LIMIT)
                        .until(() -> backup.loggedSince(backupLog, "AMQ221031"));
                backupPassiveAfterReturn &= backup.running() && !backup.active();
                failbacks.add(load.acknowledgementGap(restarted));
            }
            Waits.pause(profile.loadPerCycle());
        } finally {
            load.stop();
        }

        InboundOutcome outcome = InboundOutcome.of(load, source, tap, LIMIT);
        FaultTable.add(outcome.row("Artemis primary SIGKILL under inbound load (backup takes over), then fail-back",
                profile.backendOutageCycles(), String.format("failover (last 200 answered before the kill to first 200 answered"
                                + " after it), ms: %s; fail-back (same, around the old primary's restart), ms: %s",
                        failovers.stream().map(Duration::toMillis).toList(), failbacks.stream().map(Duration::toMillis).toList())));

        assertThat(backupActiveAfterKill).as("the backup broker active after the primary was killed").isTrue();
        assertThat(primaryActiveAfterReturn).as("the old primary active again after its return (fail-back)").isTrue();
        assertThat(backupPassiveAfterReturn).as("the backup running, passive and in sync again after the fail-back").isTrue();
        assertThat(load.noAnswer()).as("requests without an answer (no node died)").isZero();
        outcome.assertNothingLostOrDoubled();
    }
}
