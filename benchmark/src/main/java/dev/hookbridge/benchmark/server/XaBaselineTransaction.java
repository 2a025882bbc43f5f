package dev.hookbridge.benchmark.server;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import javax.sql.DataSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Baseline 5, one transaction: the inbound path's writes without HTTP, verification or JSON. One
 * container-managed JTA transaction (REQUIRES_NEW) inserts the inbox row into a copy of the inbox
 * table through Hookbridge's XA datasource and sends the same persistent message through
 * Hookbridge's XA connection factory, so the commit is the same two-phase commit across PostgreSQL
 * and Artemis.
 */
@Stateless
public class XaBaselineTransaction {

    static final String DATASOURCE = "java:jboss/datasources/HookbridgeDS";
    static final String CONNECTION_FACTORY = "java:/jms/hookbridge/ConnectionFactory";
    /** A queue of the benchmark's own (made by the benchmark before the first run; nobody consumes it). */
    static final String QUEUE = "benchmark.baseline";

    private static final String INSERT = """
            insert into bench_inbox (source, event_id, event_type, status, body, body_sha256, content_type,
                                     headers, received_at, attempts, conflicts)
            values (?, ?, ?, 'RECEIVED', ?, ?, 'application/json', ?, ?, 0, 0)
            on conflict (source, event_id) do nothing
            returning id""";

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @Inject
    @JMSConnectionFactory(CONNECTION_FACTORY)
    JMSContext jms;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void insertAndSend(String eventId, byte[] body, String headersJson) {
        long id;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, "xa-baseline");
            insert.setString(2, eventId);
            insert.setString(3, "bench.xa");
            insert.setBytes(4, body);
            insert.setBytes(5, sha256(body));
            insert.setString(6, headersJson);
            insert.setTimestamp(7, Timestamp.from(Instant.now()));
            try (var rows = insert.executeQuery()) {
                rows.next();
                id = rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("baseline insert failed: " + e.getMessage(), e);
        }
        try {
            Message message = jms.createMessage();
            message.setStringProperty("inboxId", Long.toString(id));
            message.setStringProperty("source", "xa-baseline");
            message.setStringProperty("eventId", eventId);
            message.setStringProperty("eventType", "bench.xa");
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(jms.createQueue(QUEUE), message);
        } catch (JMSException e) {
            throw new IllegalStateException("baseline send failed", e);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
