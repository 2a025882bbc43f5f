package dev.hookbridge.it.incontainer;

import dev.hookbridge.inbox.InboundWebhook;
import dev.hookbridge.signature.EventIdentity;
import dev.hookbridge.inbox.InboxWriter;
import dev.hookbridge.it.support.SystemTest;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.management.ObjectName;
import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Inside WildFly: the inbox row and the message to webhooks.inbound are one XA transaction. The
 * MDB's delivery is paused during each test so the queue can be inspected before it is consumed.
 */
@SystemTest
@ExtendWith(ArquillianExtension.class)
class InboundTransactionIT {

    private static final ObjectName INBOX_PROCESSOR = objectName(
            "jboss.as:deployment=hookbridge.ear,subdeployment=hookbridge-ejb.jar,subsystem=ejb3,message-driven-bean=InboxProcessor");

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment("inbound-transaction-test", InboundTransactionIT.class, FailingXaResource.class);
    }

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/InboxWriter!dev.hookbridge.inbox.InboxWriter")
    InboxWriter writer;

    @Resource
    UserTransaction transaction;

    @Resource(lookup = "java:/TransactionManager")
    TransactionManager transactionManager;

    @Resource(lookup = "java:jboss/datasources/HookbridgeDS")
    DataSource dataSource;

    @Resource(lookup = "java:/jms/hookbridge/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/hookbridge/queue/webhooks.inbound")
    Queue inboundQueue;

    @BeforeEach
    void pauseProcessing() throws Exception {
        ManagementFactory.getPlatformMBeanServer().invoke(INBOX_PROCESSOR, "stopDelivery", null, null);
    }

    @AfterEach
    void resumeProcessing() throws Exception {
        ManagementFactory.getPlatformMBeanServer().invoke(INBOX_PROCESSOR, "startDelivery", null, null);
    }

    @Test
    void aCommitThatFailsAfterBothWritesLeavesNeitherRowNorMessage() throws Exception {
        String eventId = "xa-fail-" + UUID.randomUUID();

        transaction.begin();
        writer.store(webhook(eventId));
        // Both the row and the message are written; now the commit fails at prepare.
        transactionManager.getTransaction().enlistResource(new FailingXaResource());
        assertThatThrownBy(transaction::commit).isInstanceOf(RollbackException.class);

        assertThat(rows(eventId)).isZero();
        assertThat(messages(eventId)).isZero();
    }

    @Test
    void aCommittedStoreHasExactlyOneRowAndOneMessage() throws Exception {
        String eventId = "xa-ok-" + UUID.randomUUID();

        transaction.begin();
        writer.store(webhook(eventId));
        transaction.commit();

        assertThat(rows(eventId)).isEqualTo(1);
        assertThat(messages(eventId)).isEqualTo(1);
    }

    @Test
    void aRollbackAfterTheSendLeavesNoRowAndNoMessage() throws Exception {
        String eventId = "xa-rollback-" + UUID.randomUUID();

        transaction.begin();
        writer.store(webhook(eventId));
        transaction.rollback();

        assertThat(rows(eventId)).isZero();
        assertThat(messages(eventId)).isZero();
    }

    private static InboundWebhook webhook(String eventId) {
        return new InboundWebhook("xa-test", new EventIdentity(eventId, "xa.test"), "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                "application/json", Map.of("webhook-id", List.of(eventId)), null, null);
    }

    private int rows(String eventId) throws SQLException {
        try (var connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select count(*) from inbox_event where event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private int messages(String eventId) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            QueueBrowser browser = session.createBrowser(inboundQueue, "eventId = '" + eventId + "'");
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
