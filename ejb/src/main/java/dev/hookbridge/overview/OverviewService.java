package dev.hookbridge.overview;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.SqlValues;
import dev.hookbridge.outbox.Delivery;
import dev.hookbridge.outbox.DeliveryStatus;
import dev.hookbridge.outbox.OutboxStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Counts inbound events and outbound deliveries over a time window, in buckets, for the dashboard's
 * overview. Every count reads through a time index, so a window costs what it holds, not the table.
 */
@Stateless
public class OverviewService {

    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    public static final Duration MAX_WINDOW = Duration.ofDays(31);
    public static final int MAX_BUCKETS = 500;
    public static final int DEFAULT_BUCKETS = 12;
    private static final int MAX_FAILING_ENDPOINTS = 100;

    @PersistenceContext
    EntityManager em;

    @EJB
    OutboxStore outbox;

    /** The window ending now; {@code bucket} null means the window in {@value #DEFAULT_BUCKETS} buckets. */
    public Overview overview(Duration window, Duration bucket) {
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException("window", "window must be between " + MIN_WINDOW + " and " + MAX_WINDOW);
        }
        long bucketSeconds = bucket == null ? Math.max(1, window.toSeconds() / DEFAULT_BUCKETS) : bucket.toSeconds();
        if (bucketSeconds < 1 || (window.toSeconds() + bucketSeconds - 1) / bucketSeconds > MAX_BUCKETS) {
            throw new InvalidInputException("bucket", "bucket must be at least a second and cut the window into at most "
                    + MAX_BUCKETS + " buckets");
        }
        Instant to = Instant.now();
        Instant from = to.minus(window);
        int buckets = (int) ((window.toSeconds() + bucketSeconds - 1) / bucketSeconds);
        long[][] series = new long[buckets][6];

        // Inbound: events received in the window, by their status now.
        for (Tuple row : counts("""
                select floor(extract(epoch from (received_at - cast(?1 as timestamptz))) / ?2) as bucket, status, count(*) as count
                  from inbox_event where received_at >= cast(?1 as timestamptz) and received_at < cast(?3 as timestamptz)
                 group by 1, 2""", from, bucketSeconds, to)) {
            long[] b = series[index(row, buckets)];
            long n = SqlValues.longValue(row, "count");
            b[0] += n;
            switch (row.get("status", String.class)) {
                case "PROCESSED" -> b[1] += n;
                case "DEAD" -> b[2] += n;
                default -> { }
            }
        }
        // Outbound: deliveries delivered, still pending (by creation), and dead in the window.
        addCounts(series, 3, buckets, outbox.deliveredPerBucket(from, bucketSeconds, to));
        addCounts(series, 4, buckets, outbox.pendingPerBucket(from, bucketSeconds, to));
        addCounts(series, 5, buckets, outbox.deadPerBucket(from, bucketSeconds, to));

        List<Overview.Bucket> bucketList = new ArrayList<>();
        long[] total = new long[6];
        for (int i = 0; i < buckets; i++) {
            long[] b = series[i];
            for (int k = 0; k < 6; k++) {
                total[k] += b[k];
            }
            bucketList.add(new Overview.Bucket(from.plusSeconds(i * bucketSeconds), b[0], b[1], b[2], b[3], b[4], b[5]));
        }
        long pendingNow = em.createQuery("select count(d) from Delivery d where d.status = :pending", Long.class)
                .setParameter("pending", DeliveryStatus.PENDING)
                .getSingleResult();
        return new Overview(from, to, bucketSeconds,
                new Overview.Inbound(total[0], total[1], total[0] - total[1] - total[2], total[2]),
                new Overview.Outbound(total[3], total[4], total[5]),
                bucketList, pendingNow, oldestPending(to), failingEndpoints());
    }

    /** The pending delivery with the smallest id: ids grow with creation, and (status, id) is indexed. */
    private Overview.OldestPending oldestPending(Instant now) {
        List<Delivery> rows = em.createQuery("select d from Delivery d where d.status = :pending order by d.id", Delivery.class)
                .setParameter("pending", DeliveryStatus.PENDING)
                .setMaxResults(1)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Delivery oldest = rows.get(0);
        return new Overview.OldestPending(Long.toString(oldest.getId()), oldest.getEvent().getId(), oldest.getEndpointId(),
                oldest.getCreatedAt(), Math.max(0, Duration.between(oldest.getCreatedAt(), now).toSeconds()));
    }

    private List<Overview.FailingEndpoint> failingEndpoints() {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        select id, url, enabled, disabled_reason, failing_since, consecutive_failures, last_failure_at, last_success_at
                          from endpoint where failing_since is not null or consecutive_failures > 0
                         order by failing_since nulls last, id limit ?1""", Tuple.class)
                .setParameter(1, MAX_FAILING_ENDPOINTS).getResultList();
        return rows.stream().map(r -> new Overview.FailingEndpoint(r.get("id", String.class), r.get("url", String.class),
                r.get("enabled", Boolean.class), r.get("disabled_reason", String.class), SqlValues.instant(r, "failing_since"),
                SqlValues.integer(r, "consecutive_failures"), SqlValues.instant(r, "last_failure_at"),
                SqlValues.instant(r, "last_success_at"))).toList();
    }

    private static void addCounts(long[][] series, int column, int buckets, Map<Integer, Long> countPerBucket) {
        countPerBucket.forEach((bucket, count) -> series[index(bucket, buckets)][column] += count);
    }

    @SuppressWarnings("unchecked")
    private List<Tuple> counts(String sql, Instant from, long bucketSeconds, Instant to) {
        return em.createNativeQuery(sql, Tuple.class)
                .setParameter(1, Timestamp.from(from)).setParameter(2, bucketSeconds).setParameter(3, Timestamp.from(to))
                .getResultList();
    }

    /** A row's bucket number, kept inside the series (the last bucket may be shorter than the others). */
    private static int index(Tuple row, int buckets) {
        return index(((Number) row.get("bucket")).intValue(), buckets);
    }

    private static int index(int bucket, int buckets) {
        return Math.min(buckets - 1, Math.max(0, bucket));
    }
}
