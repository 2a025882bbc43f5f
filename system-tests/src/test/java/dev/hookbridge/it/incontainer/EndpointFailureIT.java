package dev.hookbridge.it.incontainer;

import dev.hookbridge.endpoint.DeliveryTarget;
import dev.hookbridge.endpoint.EndpointDefinition;
import dev.hookbridge.endpoint.EndpointService;
import dev.hookbridge.endpoint.EndpointView;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.outbox.AttemptResult;
import dev.hookbridge.outbox.ClaimedDelivery;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An endpoint that keeps failing is disabled once it has failed continuously for longer than
 * hookbridge.endpoint.disable-after-failing (5 days): driven through the real outcome recorder, with
 * the endpoint's first failure set 6 days back and a delivery that is not due (no dispatcher touches it).
 */
@SystemTest
@ExtendWith(ArquillianExtension.class)
class EndpointFailureIT {

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment("endpoint-failure-test", EndpointFailureIT.class);
    }

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/EndpointService!dev.hookbridge.endpoint.EndpointService")
    EndpointService endpoints;

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/DeliveryOutcomes!dev.hookbridge.outbox.DeliveryOutcomes")
    DeliveryOutcomes outcomes;

    @Resource(lookup = "java:jboss/datasources/HookbridgeDS")
    DataSource dataSource;

    @Test
    void anEndpointFailingForLongerThanTheLimitIsDisabledWithTheReason() throws Exception {
        assertThat(failAfterFailingSince(Duration.ofDays(6))).isFalse();
    }

    @Test
    void anEndpointFailingForLessThanTheLimitStaysEnabled() throws Exception {
        assertThat(failAfterFailingSince(Duration.ofDays(1))).isTrue();
    }

    /** Records one more failed attempt for an endpoint failing since {@code ago}; answers whether it is still enabled. */
    private boolean failAfterFailingSince(Duration ago) throws Exception {
        String type = "failing." + UUID.randomUUID();
        EndpointView endpoint = endpoints.create(new EndpointDefinition("http://127.0.0.1:9/never", List.of(type),
                null, null, true, null, null, null, false, null, null));
        String eventId = "evt_" + UUID.randomUUID();
        long deliveryId;
        try (Connection c = dataSource.getConnection()) {
            exec(c, "insert into event (id, type, data, created_at) values (?, ?, '{}', now())", eventId, type);
            exec(c, "insert into delivery (event_id, endpoint_id, status, attempts, next_attempt_at, created_at) "
                    + "values (?, ?, 'PENDING', 0, now() + interval '1 day', now())", eventId, endpoint.id());
            exec(c, "update endpoint set failing_since = now() - (? || ' seconds')::interval where id = ?",
                    Long.toString(ago.toSeconds()), endpoint.id());
            try (var rs = c.createStatement().executeQuery("select id from delivery where event_id = '" + eventId + "'")) {
                rs.next();
                deliveryId = rs.getLong(1);
            }
        }
        ClaimedDelivery delivery = new ClaimedDelivery(deliveryId, eventId, type, Instant.now(), "{}", 0,
                new DeliveryTarget(endpoint.id(), endpoint.url(), Map.of(), List.of(), null, null), null, null);
        outcomes.recordFailed(delivery, new AttemptResult(Instant.now(), 500, 3, "down", null, Optional.empty()));

        EndpointView after = endpoints.get(endpoint.id());
        if (!after.enabled()) {
            assertThat(after.disabledReason()).startsWith("failing continuously since");
        }
        return after.enabled();
    }

    private static void exec(Connection c, String sql, String... parameters) throws Exception {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
