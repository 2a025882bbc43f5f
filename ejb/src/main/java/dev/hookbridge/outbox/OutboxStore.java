package dev.hookbridge.outbox;

import dev.hookbridge.common.TypeFilter;
import dev.hookbridge.endpoint.DeliveryTarget;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every write to the outbox tables (event, delivery, delivery_attempt), the dispatcher's claim, the
 * reads the writers need, and the reads only SQL can say (the event feed's polling horizon, the
 * overview's time buckets). They run as JDBC on the persistence context's own connection, enlisted in
 * the caller's transaction: the claim is {@link ClaimStatement}, and the outcomes of a group of
 * successful attempts go as batches, one round trip for each kind of statement. Rows are read by
 * column name. Entity changes waiting in the persistence context are not flushed first: they are
 * written at commit, in the same transaction. Every other read goes through the read-only entities
 * {@link OutboxEvent}, {@link Delivery} and {@link DeliveryAttempt}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class OutboxStore {

    /** The longest error text kept on an attempt and a delivery. */
    static final int MAX_ERROR_LENGTH = 2000;

    private static final String INSERT_EVENT = """
            insert into event (id, type, data, source, idempotency_key, request_sha256, created_at, traceparent, schema_version,
                               customer_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing""";
    private static final String INSERT_DELIVERIES = """
            insert into delivery (event_id, endpoint_id, status, attempts, next_attempt_at, created_at)
            select ?, endpoint_id, 'PENDING', 0, ?, ? from unnest(?) as endpoint_id""";
    // Deliveries of which some go to endpoints pinned to another version: each row names its version.
    private static final String INSERT_VERSIONED_DELIVERIES = """
            insert into delivery (event_id, endpoint_id, status, attempts, next_attempt_at, created_at, schema_version)
            select ?, endpoint_id, 'PENDING', 0, ?, ?, schema_version from unnest(?::varchar[], ?::int[]) as t(endpoint_id, schema_version)""";
    private static final String INSERT_PAYLOAD = """
            insert into event_payload (event_id, version, data) values (?, ?, cast(? as jsonb))""";
    private static final String INSERT_ATTEMPT = """
            insert into delivery_attempt (delivery_id, attempted_at, status_code, latency_ms, response_excerpt, error)
            values (?, ?, ?, ?, ?, ?)""";
    private static final String MARK_DELIVERED = """
            update delivery set status = 'DELIVERED', attempts = ?, claimed_until = null, last_status_code = ?,
                   last_error = null, delivered_at = now()
             where id = ? and status = 'PENDING'""";
    private static final String MARK_RETRY = """
            update delivery set attempts = ?, next_attempt_at = ?, claimed_until = null, last_status_code = ?, last_error = ?
             where id = ? and status = 'PENDING'""";
    private static final String MARK_DEAD = """
            update delivery set status = 'DEAD', attempts = ?, claimed_until = null, last_status_code = ?, last_error = ?,
                   dead_at = now()
             where id = ? and status = 'PENDING'""";
    /**
     * The endpoint's health after a success: no longer failing, and the time of its last success.
     * A steady stream of successes writes the endpoint row at most about once a second (not once
     * per delivery), so concurrent outcomes for one endpoint rarely queue on its row lock.
     */
    private static final String NOTE_SUCCESS = """
            update endpoint set failing_since = null, failures_before_last_success = consecutive_failures,
                   consecutive_failures = 0, last_success_at = ?
             where id = ? and (failing_since is not null or consecutive_failures > 0 or last_success_at is null
                               or last_success_at < ?)""";
    /** What NOTE_SUCCESS answers for each endpoint it updated (the SET clause read the values before it). */
    private static final String[] NOTE_SUCCESS_RETURNS = {"id", "failures_before_last_success"};
    private static final String NOTE_FAILURE = """
            update endpoint set failing_since = coalesce(failing_since, ?), last_failure_at = ?,
                   consecutive_failures = consecutive_failures + 1
             where id = ?
            returning failing_since, consecutive_failures""";
    private static final String REQUEUE = """
            update delivery set status = 'PENDING', attempts = 0, next_attempt_at = now(), claimed_until = null
             where id = ?""";
    private static final String REQUEUE_DEAD = """
            update delivery set status = 'PENDING', attempts = 0, next_attempt_at = now(), claimed_until = null
             where endpoint_id = ? and status = 'DEAD' and created_at >= ?""";
    private static final String CANCEL_PENDING = """
            update delivery set status = 'DEAD', last_error = ?, claimed_until = null, dead_at = now()
             where endpoint_id = ? and status = 'PENDING'""";
    // The feed's order is (writing transaction id, sequence); a row is listed only once every
    // transaction older than the oldest still running has ended (see EventQueries). The id's text
    // has a name of its own: "order by tx_id" would otherwise sort by that text, not by the xid8.
    private static final String EVENTS_AFTER = """
            select id, type, created_at, data, source, schema_version, customer_id, tx_id::text as tx_id_text, seq from event
             where (tx_id, seq) > (cast(? as xid8), ?)
               and tx_id < pg_snapshot_xmin(pg_current_snapshot())%s
             order by tx_id, seq
             limit ?""";
    // The overview's counts per bucket of bucketSeconds since `from`, by one time column of the delivery.
    private static final String COUNT_PER_BUCKET = """
            select floor(extract(epoch from (%1$s - ?)) / ?) as bucket, count(*) as count
              from delivery where status = '%2$s' and %1$s >= ? and %1$s < ?
             group by 1""";
    // Each purge picks the oldest rows first, using the partial indexes of V3__retention.sql.
    private static final String PICK_DELIVERED = """
            select id from delivery
             where status = 'DELIVERED' and delivered_at < ?
             order by delivered_at
             limit ?
             for update skip locked""";
    // An event goes once no delivery refers to it any more: pending and dead deliveries keep their
    // event (and the foreign key requires it); so do young delivered ones until they are purged.
    private static final String PURGE_EVENTS = """
            delete from event where id in (
                select e.id from event e
                 where e.created_at < ?
                   and not exists (select 1 from delivery d where d.event_id = e.id)
                 order by e.created_at
                 limit ?
                 for update of e skip locked)""";

    @PersistenceContext
    EntityManager em;

    /** An event to insert; {@code source} is set for events routed from an inbound source. */
    record NewEvent(String id, String type, String data, String source, String idempotencyKey, byte[] requestSha256,
                    Instant createdAt, String traceparent, Integer schemaVersion, String customer) {
    }

    /** An endpoint's current run of failed attempts: since when, and how many in a row. */
    record FailureRun(Instant failingSince, int consecutiveFailures) {
    }

    /** The event that holds an idempotency key, and the fingerprint of the request that created it. */
    record KeyedEvent(String id, byte[] requestSha256) {
    }

    private record ClaimedRow(long deliveryId, String eventId, String eventType, Instant eventTime, String data,
                              int attemptsMade, String endpointId, String traceparent, Integer schemaVersion) {
    }

    /**
     * Claims up to {@code limit} due deliveries until {@code claimedUntil}, none for the endpoints in
     * {@code skipped}; {@code targets} gives each endpoint's target.
     */
    public List<ClaimedDelivery> claim(int limit, Instant claimedUntil, Set<String> skipped,
                                       Function<String, DeliveryTarget> targets) {
        List<ClaimedRow> rows = work(connection -> {
            List<ClaimedRow> claimed = new ArrayList<>(limit);
            try (PreparedStatement claim = ClaimStatement.prepare(connection, limit, claimedUntil, skipped);
                 ResultSet row = claim.executeQuery()) {
                while (row.next()) {
                    claimed.add(new ClaimedRow(row.getLong("id"), row.getString("event_id"), row.getString("event_type"),
                            instant(row, "event_time"), row.getString("data"), row.getInt("attempts"),
                            row.getString("endpoint_id"), row.getString("traceparent"), row.getObject("schema_version", Integer.class)));
                }
            }
            return claimed;
        });
        return rows.stream().map(row -> new ClaimedDelivery(row.deliveryId(), row.eventId(), row.eventType(),
                row.eventTime(), row.data(), row.attemptsMade(), targets.apply(row.endpointId()), row.traceparent(),
                row.schemaVersion())).toList();
    }

    /** Gives claimed deliveries back unattempted and as due as they were. */
    public void unclaim(List<Long> deliveryIds) {
        update("update delivery set claimed_until = null where id = any (?)",
                s -> s.setArray(1, array(s, "bigint", deliveryIds)));
    }

    /** Gives a claimed delivery back unattempted, due again after {@code wait}. */
    public void release(long deliveryId, Duration wait) {
        // The database's clock, the one the claim compares next_attempt_at with: a node whose clock
        // is behind cannot make the delivery due at once.
        update("update delivery set claimed_until = null, next_attempt_at = now() + ? * interval '1 microsecond' where id = ?", s -> {
            s.setLong(1, wait.toNanos() / 1000);
            s.setLong(2, deliveryId);
        });
    }

    /** Inserts the event; false when an event with its id or idempotency key exists already. */
    public boolean insertEvent(NewEvent event) {
        return update(INSERT_EVENT, s -> {
            s.setString(1, event.id());
            s.setString(2, event.type());
            s.setString(3, event.data());
            s.setString(4, event.source());
            s.setString(5, event.idempotencyKey());
            s.setBytes(6, event.requestSha256());
            s.setObject(7, timestamp(event.createdAt()));
            s.setString(8, event.traceparent());
            s.setObject(9, event.schemaVersion(), Types.INTEGER);
            s.setString(10, event.customer());
        }) == 1;
    }

    /** One pending delivery of the event to each endpoint, due at once; one statement for all of them. */
    public void insertDeliveries(String eventId, List<String> endpointIds, Instant now) {
        update(INSERT_DELIVERIES, s -> {
            s.setString(1, eventId);
            s.setObject(2, timestamp(now));
            s.setObject(3, timestamp(now));
            s.setArray(4, array(s, "varchar", endpointIds));
        });
    }

    /**
     * The same, where {@code versions} names the version each endpoint gets when it is not the event's
     * own (an endpoint pinned to another version); endpoints it leaves out get the event's own.
     */
    public void insertDeliveries(String eventId, List<String> endpointIds, Map<String, Integer> versions, Instant now) {
        if (versions.isEmpty()) {
            insertDeliveries(eventId, endpointIds, now);
            return;
        }
        update(INSERT_VERSIONED_DELIVERIES, s -> {
            s.setString(1, eventId);
            s.setObject(2, timestamp(now));
            s.setObject(3, timestamp(now));
            s.setArray(4, array(s, "varchar", endpointIds));
            s.setArray(5, array(s, "integer", endpointIds.stream().map(versions::get).toList()));
        });
    }

    /** The payloads of other versions of the event, for the endpoints pinned to them. */
    public void insertPayloads(String eventId, Map<Integer, String> payloads) {
        for (Map.Entry<Integer, String> payload : payloads.entrySet()) {
            update(INSERT_PAYLOAD, s -> {
                s.setString(1, eventId);
                s.setInt(2, payload.getKey());
                s.setString(3, payload.getValue());
            });
        }
    }

    public Optional<KeyedEvent> eventWithKey(String idempotencyKey) {
        return selectOne("select id, request_sha256 from event where idempotency_key = ?",
                s -> s.setString(1, idempotencyKey),
                row -> new KeyedEvent(row.getString("id"), row.getBytes("request_sha256")));
    }

    /** The inbound source of the event; empty when there is no such event or it was not routed from one. */
    public Optional<String> sourceOfEvent(String eventId) {
        return selectOne("select source from event where id = ?", s -> s.setString(1, eventId), row -> row.getString("source"));
    }

    /**
     * Records successful attempts in the given order: their attempt rows and DELIVERED, each kind as
     * one batch. Answers, for each, whether its delivery was still pending (else nothing changed it).
     */
    public boolean[] recordDelivered(List<DeliveredAttempt> attempts) {
        return work(connection -> {
            try (PreparedStatement insertAttempt = connection.prepareStatement(INSERT_ATTEMPT);
                 PreparedStatement markDelivered = connection.prepareStatement(MARK_DELIVERED)) {
                for (DeliveredAttempt attempt : attempts) {
                    ClaimedDelivery delivery = attempt.delivery();
                    bindAttempt(insertAttempt, delivery.deliveryId(), attempt.result());
                    insertAttempt.addBatch();
                    markDelivered.setInt(1, delivery.attemptsMade() + 1);
                    markDelivered.setInt(2, attempt.result().statusCode());
                    markDelivered.setLong(3, delivery.deliveryId());
                    markDelivered.addBatch();
                }
                insertAttempt.executeBatch();
                int[] updated = markDelivered.executeBatch();
                boolean[] pending = new boolean[updated.length];
                for (int i = 0; i < updated.length; i++) {
                    pending[i] = updated[i] != 0;
                }
                return pending;
            }
        });
    }

    /**
     * Notes the latest success of each endpoint (see NOTE_SUCCESS), in the map's order, as one batch;
     * answers, for each endpoint whose run of failures a success ended, how many failures it ended.
     */
    public Map<String, Integer> noteSuccesses(Map<String, Instant> lastSuccessByEndpoint) {
        return work(connection -> {
            try (PreparedStatement noteSuccess = connection.prepareStatement(NOTE_SUCCESS, NOTE_SUCCESS_RETURNS)) {
                for (Map.Entry<String, Instant> endpoint : lastSuccessByEndpoint.entrySet()) {
                    noteSuccess.setObject(1, timestamp(endpoint.getValue()));
                    noteSuccess.setString(2, endpoint.getKey());
                    noteSuccess.setObject(3, timestamp(endpoint.getValue().minusSeconds(1)));
                    noteSuccess.addBatch();
                }
                noteSuccess.executeBatch();
                Map<String, Integer> endedRuns = new TreeMap<>();
                try (ResultSet updated = noteSuccess.getGeneratedKeys()) {
                    while (updated.next()) {
                        int failures = updated.getInt("failures_before_last_success");
                        if (failures > 0) {
                            endedRuns.put(updated.getString("id"), failures);
                        }
                    }
                }
                return endedRuns;
            }
        });
    }

    /** The attempt row of an attempt that did not deliver. */
    public void insertAttempt(long deliveryId, AttemptResult result) {
        update(INSERT_ATTEMPT, s -> bindAttempt(s, deliveryId, result));
    }

    /** The delivery is tried again at {@code nextAttemptAt}; false when it is no longer pending. */
    public boolean markRetry(long deliveryId, int attempts, Instant nextAttemptAt, AttemptResult result) {
        return update(MARK_RETRY, s -> {
            s.setInt(1, attempts);
            s.setObject(2, timestamp(nextAttemptAt));
            setInteger(s, 3, result.statusCode());
            s.setString(4, truncate(result.lastError()));
            s.setLong(5, deliveryId);
        }) == 1;
    }

    /** The delivery is DEAD; false when it is no longer pending. */
    public boolean markDead(long deliveryId, int attempts, AttemptResult result) {
        return update(MARK_DEAD, s -> {
            s.setInt(1, attempts);
            setInteger(s, 2, result.statusCode());
            s.setString(3, truncate(result.lastError()));
            s.setLong(4, deliveryId);
        }) == 1;
    }

    /**
     * The endpoint's health after a failed attempt: one more failure in a row. Answers since when it
     * fails and how many failures in a row it has now (empty when the endpoint is gone).
     */
    public Optional<FailureRun> noteFailure(String endpointId, Instant at) {
        return selectOne(NOTE_FAILURE, s -> {
            s.setObject(1, timestamp(at));
            s.setObject(2, timestamp(at));
            s.setString(3, endpointId);
        }, row -> new FailureRun(instant(row, "failing_since"), row.getInt("consecutive_failures")));
    }

    /** Queues the delivery again now with a fresh retry schedule, whatever its status; false when there is none. */
    public boolean requeue(long deliveryId) {
        return update(REQUEUE, s -> s.setLong(1, deliveryId)) == 1;
    }

    /** Queues again every DEAD delivery of the endpoint created since then; answers how many. */
    public int requeueDead(String endpointId, Instant since) {
        return update(REQUEUE_DEAD, s -> {
            s.setString(1, endpointId);
            s.setObject(2, timestamp(since));
        });
    }

    /** Marks every pending delivery of the endpoint DEAD with the given reason; answers how many. */
    public int cancelPending(String endpointId, String reason) {
        return update(CANCEL_PENDING, s -> {
            s.setString(1, reason);
            s.setString(2, endpointId);
        });
    }

    /** An event of the feed, with its place in the feed's order. */
    public record FeedEvent(String id, String type, Instant createdAt, String data, String source, Integer schemaVersion,
                            String customer, String txId, long seq) {
    }

    /**
     * Up to {@code limit} events after (txId, seq) in the feed's order, of the type (null: any) and
     * for the customer (null: any),
     * none whose writing transaction may still be followed by an older one.
     */
    public List<FeedEvent> eventsAfter(String txId, long seq, TypeFilter type, String customer, Instant createdSince, int limit) {
        String typeCondition = (type == null ? "" : type.isPrefix() ? " and type like ? escape '!'" : " and type = ?")
                + (customer == null ? "" : " and customer_id = ?")
                + (createdSince == null ? "" : " and created_at >= ?");
        return work(connection -> {
            List<FeedEvent> events = new ArrayList<>(limit);
            try (PreparedStatement select = connection.prepareStatement(EVENTS_AFTER.formatted(typeCondition))) {
                int parameter = 1;
                select.setString(parameter++, txId);
                select.setLong(parameter++, seq);
                if (type != null) {
                    select.setString(parameter++, type.isPrefix() ? type.likePattern() : type.text());
                }
                if (customer != null) {
                    select.setString(parameter++, customer);
                }
                if (createdSince != null) {
                    select.setObject(parameter++, OffsetDateTime.ofInstant(createdSince, ZoneOffset.UTC));
                }
                select.setInt(parameter, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        events.add(new FeedEvent(row.getString("id"), row.getString("type"), instant(row, "created_at"),
                                row.getString("data"), row.getString("source"), row.getObject("schema_version", Integer.class),
                                row.getString("customer_id"), row.getString("tx_id_text"), row.getLong("seq")));
                    }
                }
            }
            return events;
        });
    }

    /** Deliveries that became DELIVERED in [from, to), counted per bucket of {@code bucketSeconds} since {@code from}. */
    public Map<Integer, Long> deliveredPerBucket(Instant from, long bucketSeconds, Instant to) {
        return countPerBucket("delivered_at", DeliveryStatus.DELIVERED, from, bucketSeconds, to);
    }

    /** Deliveries created in [from, to) and still PENDING, per bucket. */
    public Map<Integer, Long> pendingPerBucket(Instant from, long bucketSeconds, Instant to) {
        return countPerBucket("created_at", DeliveryStatus.PENDING, from, bucketSeconds, to);
    }

    /** Deliveries that became DEAD in [from, to), per bucket. */
    public Map<Integer, Long> deadPerBucket(Instant from, long bucketSeconds, Instant to) {
        return countPerBucket("dead_at", DeliveryStatus.DEAD, from, bucketSeconds, to);
    }

    private Map<Integer, Long> countPerBucket(String timeColumn, DeliveryStatus status, Instant from, long bucketSeconds,
                                              Instant to) {
        return work(connection -> {
            Map<Integer, Long> counts = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement(COUNT_PER_BUCKET.formatted(timeColumn, status.name()))) {
                select.setObject(1, timestamp(from));
                select.setLong(2, bucketSeconds);
                select.setObject(3, timestamp(from));
                select.setObject(4, timestamp(to));
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        counts.merge(row.getInt("bucket"), row.getLong("count"), Long::sum);
                    }
                }
            }
            return counts;
        });
    }

    /** What one purge of delivered deliveries removed. */
    public record PurgedDeliveries(int deliveries, int attempts) {
    }

    /** Up to {@code batchSize} deliveries DELIVERED before the cut-off, oldest first, with their attempts. */
    public PurgedDeliveries purgeDelivered(Instant cutoff, int batchSize) {
        return work(connection -> {
            List<Long> picked = new ArrayList<>(batchSize);
            try (PreparedStatement pick = connection.prepareStatement(PICK_DELIVERED)) {
                pick.setObject(1, timestamp(cutoff));
                pick.setInt(2, batchSize);
                try (ResultSet row = pick.executeQuery()) {
                    while (row.next()) {
                        picked.add(row.getLong("id"));
                    }
                }
            }
            if (picked.isEmpty()) {
                return new PurgedDeliveries(0, 0);
            }
            int attempts;
            try (PreparedStatement delete = connection.prepareStatement("delete from delivery_attempt where delivery_id = any (?)")) {
                delete.setArray(1, array(delete, "bigint", picked));
                attempts = delete.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement("delete from delivery where id = any (?)")) {
                delete.setArray(1, array(delete, "bigint", picked));
                return new PurgedDeliveries(delete.executeUpdate(), attempts);
            }
        });
    }

    /** Up to {@code batchSize} events created before the cut-off that no delivery refers to, oldest first. */
    public int purgeEvents(Instant cutoff, int batchSize) {
        return update(PURGE_EVENTS, s -> {
            s.setObject(1, timestamp(cutoff));
            s.setInt(2, batchSize);
        });
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    private interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads one row by column name. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private int update(String sql, Parameters parameters) {
        return work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                parameters.bind(statement);
                return statement.executeUpdate();
            }
        });
    }

    /** The first row's value, empty when there is no row or the value is null. */
    private <T> Optional<T> selectOne(String sql, Parameters parameters, RowReader<T> reader) {
        return work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                parameters.bind(statement);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.ofNullable(reader.read(row)) : Optional.empty();
                }
            }
        });
    }

    private <T> T work(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }

    private static void bindAttempt(PreparedStatement insert, long deliveryId, AttemptResult result) throws SQLException {
        insert.setLong(1, deliveryId);
        insert.setObject(2, timestamp(result.attemptedAt()));
        setInteger(insert, 3, result.statusCode());
        insert.setInt(4, (int) result.latencyMillis());
        insert.setString(5, result.responseExcerpt());
        insert.setString(6, truncate(result.error()));
    }

    private static Array array(PreparedStatement statement, String elementType, Collection<?> elements)
            throws SQLException {
        return statement.getConnection().createArrayOf(elementType, elements.toArray());
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
