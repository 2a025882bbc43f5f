package dev.hookbridge.it.incontainer;

import dev.hookbridge.cluster.ClusterTurns;
import dev.hookbridge.it.support.SystemTest;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turns at cluster-wide jobs: of nodes racing for a free turn exactly one takes it, no node takes a
 * running turn (its holder included), and a lapsed turn goes to the next node that asks; the real
 * timers take their turns through it. Job names of its own keep the races apart from the timers.
 */
@SystemTest
@ExtendWith(ArquillianExtension.class)
class ClusterTurnsIT {

    private static final int NODES = 8;

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment("cluster-turns-test", ClusterTurnsIT.class);
    }

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/ClusterTurns!dev.hookbridge.cluster.ClusterTurns")
    ClusterTurns turns;

    @Resource(lookup = "java:jboss/datasources/HookbridgeDS")
    DataSource dataSource;

    @Test
    void ofNodesRacingForAFreeTurnExactlyOneTakesIt() throws Exception {
        String job = "test." + UUID.randomUUID();
        assertThat(takenAtOnce(job, Duration.ofMinutes(1))).as("the first turn").isEqualTo(1);
        assertThat(takenAtOnce(job, Duration.ofMinutes(1))).as("while it runs").isZero();
        assertThat(turns.take(job, "node-0", Duration.ofMinutes(1))).as("its holder, while it runs").isFalse();
    }

    @Test
    void aLapsedTurnGoesToTheNextNodeThatAsks() throws Exception {
        String job = "test." + UUID.randomUUID();
        assertThat(turns.take(job, "node-a", Duration.ofMillis(300))).isTrue();
        assertThat(turns.take(job, "node-b", Duration.ofMillis(300))).isFalse();
        Thread.sleep(500);
        assertThat(takenAtOnce(job, Duration.ofMillis(300))).as("the lapsed turn").isEqualTo(1);
        assertThat(row(job, "turns")).isEqualTo("2");
    }

    /**
     * Its interval is 30 s: within 90 s of the server's start at the latest it has taken one. A second
     * node another test started on the same database may have taken the last turn; once that node is
     * stopped its turn lapses within an interval, and this server's timer takes the next.
     */
    @Test
    void theStrandedEventRescueTimerTakesItsTurn() throws Exception {
        String thisNode = System.getProperty("hookbridge.node.id");
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        String node = row("stranded-event-rescue", "node");
        while (!thisNode.equals(node) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            node = row("stranded-event-rescue", "node");
        }
        assertThat(node).as("the node that took the rescue's turn").isEqualTo(thisNode);
    }

    private long takenAtOnce(String job, Duration length) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        try {
            List<Callable<Boolean>> asks = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                String node = "node-" + i;
                asks.add(() -> turns.take(job, node, length));
            }
            long taken = 0;
            for (Future<Boolean> ask : pool.invokeAll(asks)) {
                taken += ask.get() ? 1 : 0;
            }
            return taken;
        } finally {
            pool.shutdown();
        }
    }

    private String row(String job, String column) throws Exception {
        try (Connection db = dataSource.getConnection();
             PreparedStatement query = db.prepareStatement("select " + column + "::text from cluster_turn where job = ?")) {
            query.setString(1, job);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
