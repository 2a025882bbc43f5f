package dev.hookbridge.it.incontainer;

import dev.hookbridge.common.Page;
import dev.hookbridge.endpoint.EndpointDefinition;
import dev.hookbridge.endpoint.EndpointService;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.outbox.EventPublisher;
import dev.hookbridge.outbox.EventQueries;
import dev.hookbridge.outbox.EventView;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inside WildFly, as in-app code uses it: the EventPublisher joins the caller's transaction, and
 * the event feed never skips an event whose transaction commits after a newer one.
 */
@SystemTest
@ExtendWith(ArquillianExtension.class)
class OutboxTransactionIT {

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment("outbox-transaction-test", OutboxTransactionIT.class);
    }

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/EventPublisher!dev.hookbridge.outbox.EventPublisher")
    EventPublisher publisher;

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/EventQueries!dev.hookbridge.outbox.EventQueries")
    EventQueries events;

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/EndpointService!dev.hookbridge.endpoint.EndpointService")
    EndpointService endpoints;

    @Resource
    UserTransaction transaction;

    @Resource(lookup = "java:/TransactionManager")
    TransactionManager transactionManager;

    @Resource(lookup = "java:jboss/datasources/HookbridgeDS")
    DataSource dataSource;

    @Test
    void aRolledBackBusinessTransactionLeavesNoEventAndNoDelivery() throws Exception {
        String type = "rollback." + UUID.randomUUID();
        endpoints.create(new EndpointDefinition("http://127.0.0.1:9/never", List.of(type), null, null, true, null, null, null, false, null, null));

        transaction.begin();
        String id = publisher.publish(type, "{\"order\":1}");
        assertThat(count("select count(*) from delivery where event_id = ?", id)).as("delivery inside the transaction").isEqualTo(1);
        transaction.rollback();

        assertThat(count("select count(*) from event where id = ?", id)).isZero();
        assertThat(count("select count(*) from delivery where event_id = ?", id)).isZero();
    }

    @Test
    void aPollerFollowingNextNeverMissesAnEventWhoseTransactionCommitsLate() throws Exception {
        String type = "poll." + UUID.randomUUID();
        String cursor = lastCursor(type);

        transactionManager.begin();
        String older = publisher.publish(type, "{\"n\":1}");       // written first, committed last
        Transaction slow = transactionManager.suspend();
        transactionManager.begin();
        String newer = publisher.publish(type, "{\"n\":2}");
        transactionManager.commit();

        // The newer event is committed, but listing it now would let a poller step over the older one.
        Page<EventView> whileOlderIsOpen = events.list(cursor, type, null, null, 10);
        assertThat(whileOlderIsOpen.items()).extracting(EventView::id).doesNotContain(older, newer);

        transactionManager.resume(slow);
        transactionManager.commit();

        List<String> seen = new ArrayList<>();
        String next = whileOlderIsOpen.next() == null ? cursor : whileOlderIsOpen.next();
        long deadline = System.currentTimeMillis() + 30_000;
        while (seen.size() < 2 && System.currentTimeMillis() < deadline) {
            Page<EventView> page = events.list(next, type, null, null, 1);
            page.items().forEach(e -> seen.add(e.id()));
            next = page.next() == null ? next : page.next();
            if (page.items().isEmpty()) {
                Thread.sleep(100); // another transaction of the server may still hold the horizon back
            }
        }
        assertThat(seen).containsExactly(older, newer);
    }

    /** The cursor after every event of this type so far (none: the type is new). */
    private String lastCursor(String type) {
        Page<EventView> page = events.list(null, type, null, null, 500);
        return page.next();
    }

    private long count(String sql, String id) throws Exception {
        try (var connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
