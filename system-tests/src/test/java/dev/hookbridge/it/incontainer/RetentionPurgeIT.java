package dev.hookbridge.it.incontainer;

import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.retention.PurgeBatches;
import dev.hookbridge.retention.PurgeCounts;
import dev.hookbridge.retention.RetentionPurge;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention purge inside WildFly, against the real database: rows written with back-dated
 * times (as if 40 days old), then the purge service called with a 30-day cut-off, the way its timer
 * calls it. Old PROCESSED inbox rows and DELIVERED deliveries (with their attempts) and events
 * nothing refers to any more go; DEAD, RECEIVED, PENDING and young rows stay; batches take no more
 * than asked and skip rows another transaction holds instead of waiting for them.
 */
@SystemTest
@ExtendWith(ArquillianExtension.class)
class RetentionPurgeIT {

    private static final Duration AGE = Duration.ofDays(30);
    private static final Instant OLD = Instant.now().minus(Duration.ofDays(40));
    private static final Instant YOUNG = Instant.now().minus(Duration.ofDays(29));

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment("retention-test", RetentionPurgeIT.class);
    }

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/RetentionPurge!dev.hookbridge.retention.RetentionPurge")
    RetentionPurge purge;

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/PurgeBatches!dev.hookbridge.retention.PurgeBatches")
    PurgeBatches batches;

    @Resource(lookup = "java:/TransactionManager")
    TransactionManager transactionManager;

    @Resource(lookup = "java:jboss/datasources/HookbridgeDS")
    DataSource dataSource;

    @Test
    void oldProcessedInboxEventsGoWhileDeadReceivedAndYoungOnesStay() throws Exception {
        String source = "retention-" + UUID.randomUUID();
        long oldProcessed = inboxRow(source, "PROCESSED", OLD);
        long youngProcessed = inboxRow(source, "PROCESSED", YOUNG);
        long oldDead = inboxRow(source, "DEAD", OLD);
        long oldReceived = inboxRow(source, "RECEIVED", OLD);

        PurgeCounts counts = purge.purgeOlderThan(Instant.now().minus(AGE), 100);

        assertThat(counts.inboxEvents()).isGreaterThanOrEqualTo(1);
        assertThat(inboxIds(source)).containsExactlyInAnyOrder(youngProcessed, oldDead, oldReceived)
                .doesNotContain(oldProcessed);
    }

    @Test
    void oldDeliveredDeliveriesGoWithTheirAttemptsAndEventsGoOnceNothingRefersToThem() throws Exception {
        String type = "retention." + UUID.randomUUID();
        String endpoint = "ep_" + UUID.randomUUID().toString().substring(0, 8);
        // event: its deliveries (status, when delivered), and whether it must survive the purge
        String delivered = event(type, OLD);
        long deliveredOld = delivery(delivered, endpoint, "DELIVERED", OLD);
        attempts(deliveredOld, 2);
        String dead = event(type, OLD);
        long deadOld = delivery(dead, endpoint, "DEAD", null);
        attempts(deadOld, 3);
        String pending = event(type, OLD);
        long pendingOld = delivery(pending, endpoint, "PENDING", null);
        String mixed = event(type, OLD);
        long mixedDelivered = delivery(mixed, endpoint, "DELIVERED", OLD);
        long mixedDead = delivery(mixed, endpoint + "b", "DEAD", null);
        String recentlyDelivered = event(type, OLD);
        long recentDelivery = delivery(recentlyDelivered, endpoint, "DELIVERED", YOUNG);
        String noDeliveries = event(type, OLD);
        String young = event(type, YOUNG);

        purge.purgeOlderThan(Instant.now().minus(AGE), 100);

        assertThat(eventIds(type)).containsExactlyInAnyOrder(dead, pending, mixed, recentlyDelivered, young)
                .doesNotContain(delivered, noDeliveries);
        assertThat(deliveryIds(type)).containsExactlyInAnyOrder(deadOld, pendingOld, mixedDead, recentDelivery)
                .doesNotContain(deliveredOld, mixedDelivered);
        assertThat(count("select count(*) from delivery_attempt where delivery_id = ?", deliveredOld)).isZero();
        assertThat(count("select count(*) from delivery_attempt where delivery_id = ?", deadOld)).isEqualTo(3);
    }

    @Test
    void aBatchTakesNoMoreRowsThanAskedAndARunGoesOnUntilAllAreGone() throws Exception {
        String source = "retention-batch-" + UUID.randomUUID();
        List<Long> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(inboxRow(source, "PROCESSED", OLD.minusSeconds(i)));
        }
        Instant cutoff = Instant.now().minus(AGE);

        assertThat(batches.inboxEvents(cutoff, 2)).isEqualTo(2);
        assertThat(inboxIds(source)).hasSize(3);

        PurgeCounts run = purge.purgeOlderThan(cutoff, 2);
        assertThat(run.inboxEvents()).isEqualTo(3);
        // 2 + 1 inbox rows, then one (short) batch each for deliveries and events.
        assertThat(run.batches()).isEqualTo(4);
        assertThat(inboxIds(source)).isEmpty();
    }

    @Test
    void aRowAnotherTransactionHoldsIsSkippedNotWaitedFor() throws Exception {
        String source = "retention-locked-" + UUID.randomUUID();
        long held = inboxRow(source, "PROCESSED", OLD);
        long free = inboxRow(source, "PROCESSED", OLD);

        // Another transaction (as another node's purge or a replay would) holds one row.
        transactionManager.begin();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement("select id from inbox_event where id = ? for update")) {
            lock.setLong(1, held);
            lock.executeQuery().close();
        }
        Transaction holder = transactionManager.suspend();
        try {
            long started = System.nanoTime();
            int purged = batches.inboxEvents(Instant.now().minus(AGE), 100);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(purged).isGreaterThanOrEqualTo(1);
            assertThat(took).as("the batch did not wait for the held row").isLessThan(Duration.ofSeconds(5));
            assertThat(inboxIds(source)).containsExactly(held).doesNotContain(free);
        } finally {
            transactionManager.resume(holder);
            transactionManager.rollback();
        }
        // Once free, the next run takes it.
        purge.purgeOlderThan(Instant.now().minus(AGE), 100);
        assertThat(inboxIds(source)).isEmpty();
    }

    private long inboxRow(String source, String status, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into inbox_event (source, event_id, event_type, status, body, body_sha256, headers,
                                         received_at, processed_at, attempts)
                values (?, ?, 'retention.test', ?, '{}'::bytea, '\\x00'::bytea, '{}', ?, ?, 1) returning id""")) {
            insert.setString(1, source);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, status);
            insert.setTimestamp(4, Timestamp.from(at));
            insert.setTimestamp(5, "PROCESSED".equals(status) ? Timestamp.from(at) : null);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String event(String type, Instant createdAt) throws SQLException {
        String id = "evt_" + UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into event (id, type, data, created_at) values (?, ?, '{}', ?)")) {
            insert.setString(1, id);
            insert.setString(2, type);
            insert.setTimestamp(3, Timestamp.from(createdAt));
            insert.executeUpdate();
        }
        return id;
    }

    /** A delivery of an endpoint that does not exist, so no dispatcher claims the pending ones. */
    private long delivery(String eventId, String endpoint, String status, Instant deliveredAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into delivery (event_id, endpoint_id, status, attempts, next_attempt_at, created_at, delivered_at)
                values (?, ?, ?, 1, now() + interval '1 day', ?, ?) returning id""")) {
            insert.setString(1, eventId);
            insert.setString(2, endpoint);
            insert.setString(3, status);
            insert.setTimestamp(4, Timestamp.from(OLD));
            insert.setTimestamp(5, deliveredAt == null ? null : Timestamp.from(deliveredAt));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void attempts(long deliveryId, int n) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into delivery_attempt (delivery_id, attempted_at, status_code, latency_ms) values (?, ?, 500, 10)")) {
            for (int i = 0; i < n; i++) {
                insert.setLong(1, deliveryId);
                insert.setTimestamp(2, Timestamp.from(OLD));
                insert.executeUpdate();
            }
        }
    }

    private List<Long> inboxIds(String source) throws SQLException {
        return longs("select id from inbox_event where source = ?", source);
    }

    private List<Long> deliveryIds(String eventType) throws SQLException {
        return longs("select d.id from delivery d join event e on e.id = d.event_id where e.type = ?", eventType);
    }

    private List<String> eventIds(String type) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement("select id from event where type = ?")) {
            query.setString(1, type);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private List<Long> longs(String sql, String parameter) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getLong(1));
                }
            }
        }
        return values;
    }

    private long count(String sql, long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setLong(1, id);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
