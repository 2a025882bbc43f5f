package dev.hookbridge.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * The dispatcher's claim of due deliveries, one statement: FOR UPDATE SKIP LOCKED lets several nodes
 * claim at once without waiting on or taking each other's rows; the lease ({@code claimed_until})
 * hands a dead node's claims to the others once it has passed. Public so that the benchmark times
 * this very statement.
 */
public final class ClaimStatement {

    /** Parameters: the endpoint ids to skip (an array), how many rows at most, the end of the lease. */
    public static final String SQL = """
            with due as (
                select d.id from delivery d join endpoint e on e.id = d.endpoint_id
                 where d.status = 'PENDING' and d.next_attempt_at <= now() and e.enabled
                   and (d.claimed_until is null or d.claimed_until < now())
                   and d.endpoint_id <> all (?)
                 order by d.next_attempt_at
                 limit ?
                 for update of d skip locked)
            update delivery d set claimed_until = ?
              from due, event ev
             where d.id = due.id and ev.id = d.event_id
            returning d.id, d.event_id, ev.type as event_type, ev.created_at as event_time, d.attempts, d.endpoint_id,
                      ev.traceparent, coalesce(d.schema_version, ev.schema_version) as schema_version,
                      coalesce((select p.data::text from event_payload p
                                 where p.event_id = d.event_id and p.version = d.schema_version), ev.data) as data""";

    private ClaimStatement() {
    }

    /** The claim with its parameters bound, ready to execute; its rows are read by the column names of {@link #SQL}. */
    public static PreparedStatement prepare(Connection connection, int limit, Instant claimedUntil,
                                            Collection<String> skippedEndpoints) throws SQLException {
        PreparedStatement claim = connection.prepareStatement(SQL);
        try {
            claim.setArray(1, connection.createArrayOf("varchar", skippedEndpoints.toArray()));
            claim.setInt(2, limit);
            claim.setObject(3, OffsetDateTime.ofInstant(claimedUntil, ZoneOffset.UTC));
            return claim;
        } catch (SQLException e) {
            claim.close();
            throw e;
        }
    }
}
