package dev.hookbridge.it.incontainer;

import dev.hookbridge.endpoint.DeliveryTarget;
import dev.hookbridge.endpoint.EndpointDefinition;
import dev.hookbridge.endpoint.EndpointService;
import dev.hookbridge.endpoint.EndpointView;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.outbox.AttemptResult;
import dev.hookbridge.outbox.ClaimedDelivery;
import dev.hookbridge.outbox.DeliveredAttempt;
import dev.hookbridge.outbox.DeliveryOutcomes;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Successful attempts recorded as one group (one transaction), through the real outcome recorder:
 * each pending delivery becomes DELIVERED with its attempt row, a delivery that stopped being pending
 * meanwhile keeps its state, the endpoint's health is reset once; and a group the database refuses
 * records nothing at all. The deliveries are not due, so no dispatcher touches them.
 */
@SystemTest
@ExtendWith(ArquillianExtension.class)
class DeliveredGroupIT {

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment("delivered-group-test", DeliveredGroupIT.class);
    }

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/EndpointService!dev.hookbridge.endpoint.EndpointService")
    EndpointService endpoints;

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/DeliveryOutcomes!dev.hookbridge.outbox.DeliveryOutcomes")
    DeliveryOutcomes outcomes;

    @Resource(lookup = "java:jboss/datasources/HookbridgeDS")
    DataSource dataSource;

    @Test
    void aGroupMarksEachPendingDeliveryDeliveredLeavesOneNoLongerPendingAloneAndResetsTheEndpointsHealth() throws Exception {
        EndpointView endpoint = failingEndpoint();
        List<Long> ids = pendingDeliveries(endpoint, 3);
        try (Connection c = dataSource.getConnection()) {
            exec(c, "update delivery set status = 'DEAD', dead_at = now() where id = " + ids.get(1)); // as deleting an endpoint does
        }
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(2);
        Instant last = first.plusSeconds(1);
        List<DeliveredAttempt> group = List.of(
                delivered(endpoint, ids.get(2), last, "third"),
                delivered(endpoint, ids.get(0), first, "first"),
                delivered(endpoint, ids.get(1), first, "second"));

        outcomes.recordDelivered(group);

        assertThat(row("select status, attempts, last_status_code, claimed_until is null, delivered_at is not null from delivery where id = "
                + ids.get(0))).containsExactly("DELIVERED", "1", "200", "t", "t");
        assertThat(row("select status, attempts, last_status_code, claimed_until is null, delivered_at is not null from delivery where id = "
                + ids.get(2))).containsExactly("DELIVERED", "1", "200", "t", "t");
        assertThat(row("select status, attempts, delivered_at is null from delivery where id = " + ids.get(1)))
                .containsExactly("DEAD", "0", "t");
        assertThat(row("select string_agg(response_excerpt, ',' order by delivery_id) from delivery_attempt where delivery_id in ("
                + ids.get(0) + "," + ids.get(1) + "," + ids.get(2) + ")")).containsExactly("first,second,third");
        assertThat(row("select failing_since is null, consecutive_failures, (extract(epoch from last_success_at) * 1000)::bigint "
                + "from endpoint where id = '" + endpoint.id() + "'")).containsExactly("t", "0", Long.toString(last.toEpochMilli()));
    }

    @Test
    void aGroupTheDatabaseRefusesRecordsNothing() throws Exception {
        EndpointView endpoint = failingEndpoint();
        List<Long> ids = pendingDeliveries(endpoint, 2);
        Instant now = Instant.now();
        // PostgreSQL text cannot hold NUL: the second attempt row is refused, and with it the whole group.
        List<DeliveredAttempt> group = List.of(delivered(endpoint, ids.get(0), now, "fine"), delivered(endpoint, ids.get(1), now, "bad\u0000"));

        assertThatThrownBy(() -> outcomes.recordDelivered(group)).isInstanceOf(RuntimeException.class);

        assertThat(row("select count(*) from delivery where status = 'PENDING' and attempts = 0 and id in (" + ids.get(0) + "," + ids.get(1) + ")"))
                .containsExactly("2");
        assertThat(row("select count(*) from delivery_attempt where delivery_id in (" + ids.get(0) + "," + ids.get(1) + ")"))
                .containsExactly("0");
        assertThat(row("select failing_since is not null from endpoint where id = '" + endpoint.id() + "'")).containsExactly("t");
    }

    private EndpointView failingEndpoint() throws Exception {
        EndpointView endpoint = endpoints.create(new EndpointDefinition("http://127.0.0.1:9/never", List.of("group." + UUID.randomUUID()),
                null, null, true, null, null, null, false, null, null));
        try (Connection c = dataSource.getConnection()) {
            exec(c, "update endpoint set failing_since = now() - interval '1 hour', consecutive_failures = 3 where id = '" + endpoint.id() + "'");
        }
        return endpoint;
    }

    /** Pending deliveries to the endpoint, due tomorrow (no dispatcher takes them), in id order. */
    private List<Long> pendingDeliveries(EndpointView endpoint, int count) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < count; i++) {
                String eventId = "evt_" + UUID.randomUUID();
                exec(c, "insert into event (id, type, data, created_at) values ('" + eventId + "', 'group.test', '{}', now())");
                try (PreparedStatement insert = c.prepareStatement("insert into delivery (event_id, endpoint_id, status, attempts, next_attempt_at, created_at) "
                        + "values (?, ?, 'PENDING', 0, now() + interval '1 day', now()) returning id")) {
                    insert.setString(1, eventId);
                    insert.setString(2, endpoint.id());
                    try (ResultSet rs = insert.executeQuery()) {
                        rs.next();
                        ids.add(rs.getLong(1));
                    }
                }
            }
        }
        return ids;
    }

    private static DeliveredAttempt delivered(EndpointView endpoint, long deliveryId, Instant at, String excerpt) {
        ClaimedDelivery delivery = new ClaimedDelivery(deliveryId, "evt_" + deliveryId, "group.test", at, "{}", 0,
                new DeliveryTarget(endpoint.id(), endpoint.url(), Map.of(), List.of(), null, null), null, null);
        return new DeliveredAttempt(delivery, new AttemptResult(at, 200, 2, excerpt, null, Optional.empty()));
    }

    private List<String> row(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
            }
            return values;
        }
    }

    private static void exec(Connection c, String sql) throws Exception {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }
}
