package dev.hookbridge.it.incontainer;

import dev.hookbridge.inbox.InboundWebhook;
import dev.hookbridge.signature.EventIdentity;
import dev.hookbridge.inbox.InboxWriter;
import dev.hookbridge.inbox.IntakeOutcome;
import dev.hookbridge.it.support.SystemTest;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inside WildFly: webhooks stored together share one transaction, one insert and one group message
 * on webhooks.inbound; a group message is processed in one transaction, and when that fails it is
 * split into one message per event, so a bad event is DEAD after exactly the broker's deliveries and
 * parked alone in the DLQ while the others of its group are processed.
 */
@SystemTest
@ExtendWith(ArquillianExtension.class)
class InboundGroupIT {

    private static final ObjectName INBOX_PROCESSOR = objectName(
            "jboss.as:deployment=hookbridge.ear,subdeployment=hookbridge-ejb.jar,subsystem=ejb3,message-driven-bean=InboxProcessor");
    /** max-delivery-attempts of webhooks.inbound in artemis-config/broker.xml. */
    private static final int BROKER_DELIVERY_LIMIT = 5;
    /** An event type the tests' in-app observer always fails (TestEventHandlers). */
    private static final String POISON = "test.poison";

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment("inbound-group-test", InboundGroupIT.class);
    }

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/InboxWriter!dev.hookbridge.inbox.InboxWriter")
    InboxWriter writer;

    @Resource
    UserTransaction transaction;

    @Resource(lookup = "java:jboss/datasources/HookbridgeDS")
    DataSource dataSource;

    @Resource(lookup = "java:/jms/hookbridge/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/hookbridge/queue/webhooks.inbound")
    Queue inboundQueue;

    @Resource(lookup = "java:/jms/hookbridge/queue/DLQ.webhooks.inbound")
    Queue deadLetterQueue;

    private boolean processingPaused;

    @BeforeEach
    void pauseProcessing() throws Exception {
        ManagementFactory.getPlatformMBeanServer().invoke(INBOX_PROCESSOR, "stopDelivery", null, null);
        processingPaused = true;
    }

    @AfterEach
    void resumeProcessing() throws Exception {
        if (processingPaused) {
            ManagementFactory.getPlatformMBeanServer().invoke(INBOX_PROCESSOR, "startDelivery", null, null);
        }
    }

    @Test
    void aGroupIsOneGroupMessageWithEachEventOnceAndItsCopiesAnsweredAsDuplicates() throws Exception {
        String source = "group-" + UUID.randomUUID();
        InboundWebhook first = webhook(source, "a", "group.test", "{\"n\":1}", null);
        InboundWebhook second = webhook(source, "b", "group.test", "{\"n\":2}", null);
        InboundWebhook sameCopy = webhook(source, "a", "group.test", "{\"n\":1}", null);
        InboundWebhook otherBody = webhook(source, "b", "group.test", "{\"n\":99}", null);

        transaction.begin();
        List<IntakeOutcome.Accepted> outcomes = writer.storeGroup(List.of(second, first, sameCopy, otherBody));
        transaction.commit();

        assertThat(outcomes).extracting(IntakeOutcome.Accepted::eventId).containsExactly("b", "a", "a", "b");
        assertThat(outcomes).extracting(IntakeOutcome.Accepted::duplicate).containsExactly(false, false, true, true);
        assertThat(outcomes.get(2).inboxId()).isEqualTo(outcomes.get(1).inboxId());
        assertThat(outcomes.get(3).inboxId()).isEqualTo(outcomes.get(0).inboxId());
        assertThat(count("select count(*) from inbox_event where source = '" + source + "'")).isEqualTo(2);
        // The copy with another body is a conflict on the row it duplicates, as across requests.
        assertThat(count("select conflicts from inbox_event where source = '" + source + "' and event_id = 'b'")).isEqualTo(1);
        assertThat(count("select conflicts from inbox_event where source = '" + source + "' and event_id = 'a'")).isZero();

        // Events in inbox id order: "a" was inserted first (key order), though "b" came first.
        List<Message> groupMessages = browse(inboundQueue,
                "inboxIds = '" + outcomes.get(1).inboxId() + "," + outcomes.get(0).inboxId() + "'");
        assertThat(groupMessages).hasSize(1);
        Message group = groupMessages.get(0);
        assertThat(group.getIntProperty("eventCount")).isEqualTo(2);
        assertThat(((TextMessage) group).getText()).contains("\"eventId\":\"a\"", "\"eventId\":\"b\"", source);
        assertThat(browse(inboundQueue, "source = '" + source + "'")).as("no single messages besides the group").isEmpty();
    }

    @Test
    void eventsWithAnOrderingGroupAndAnEventAloneGetMessagesOfTheirOwn() throws Exception {
        String source = "group-" + UUID.randomUUID();

        transaction.begin();
        writer.storeGroup(List.of(
                webhook(source, "k1", "group.test", "{}", "customer-1"),
                webhook(source, "k2", "group.test", "{}", "customer-1"),
                webhook(source, "free", "group.test", "{}", null)));
        transaction.commit();

        List<Message> singles = browse(inboundQueue, "source = '" + source + "'");
        assertThat(singles).hasSize(3);
        List<String> groups = new ArrayList<>();
        for (Message message : singles) {
            groups.add(message.getStringProperty("JMSXGroupID"));
        }
        assertThat(groups).containsExactlyInAnyOrder("customer-1", "customer-1", null);
        assertThat(browse(inboundQueue, "eventCount IS NOT NULL AND inboxIds LIKE '%,%'")
                .stream().filter(m -> text(m).contains(source)).toList()).isEmpty();
    }

    @Test
    void aGroupWhoseProcessingFailsIsSplitSoOnlyTheBadEventIsDeadAndParkedAlone() throws Exception {
        String source = "group-" + UUID.randomUUID();

        transaction.begin();
        List<IntakeOutcome.Accepted> outcomes = writer.storeGroup(List.of(
                webhook(source, "good-1", "group.test", "{}", null),
                webhook(source, "poison", POISON, "{}", null),
                webhook(source, "good-2", "group.test", "{}", null)));
        transaction.commit();
        assertThat(browse(inboundQueue, "eventCount = 3 AND inboxIds = '" + outcomes.get(0).inboxId() + ","
                + outcomes.get(2).inboxId() + "," + outcomes.get(1).inboxId() + "'")).as("one group, in key order").hasSize(1);

        ManagementFactory.getPlatformMBeanServer().invoke(INBOX_PROCESSOR, "startDelivery", null, null);
        processingPaused = false;

        // The group's one failed try, then the test broker's redelivery delays of the single message.
        awaitCount("the poison event to be DEAD", Duration.ofSeconds(120),
                "select count(*) from inbox_event where source = '" + source + "' and event_id = 'poison' and status = 'DEAD'", 1);
        assertThat(count("select count(*) from inbox_event where source = '" + source + "' and status = 'PROCESSED'"))
                .as("the good events of the group").isEqualTo(2);
        // The DEAD mark counts the single message's deliveries: exactly the broker's limit.
        assertThat(count("select attempts from inbox_event where source = '" + source + "' and event_id = 'poison'"))
                .isEqualTo(BROKER_DELIVERY_LIMIT);

        List<Message> parked = awaitMessages(deadLetterQueue, "source = '" + source + "'");
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).getStringProperty("eventId")).isEqualTo("poison");
        assertThat(parked.get(0).propertyExists("eventCount")).as("parked alone, not as a group").isFalse();
        assertThat(browse(deadLetterQueue, "eventCount IS NOT NULL").stream().filter(m -> text(m).contains(source)).toList()).isEmpty();
    }

    private static InboundWebhook webhook(String source, String eventId, String type, String body, String orderingGroup) {
        return new InboundWebhook(source, new EventIdentity(eventId, type), body.getBytes(StandardCharsets.UTF_8), "application/json",
                Map.of("webhook-id", List.of(eventId)), orderingGroup, null);
    }

    private int count(String sql) throws SQLException {
        try (var connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void awaitCount(String what, Duration limit, String sql, int expected) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (count(sql) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private List<Message> awaitMessages(Queue queue, String selector) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Message> found = browse(queue, selector);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            found = browse(queue, selector);
        }
        return found;
    }

    private List<Message> browse(Queue queue, String selector) throws JMSException {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            QueueBrowser browser = session.createBrowser(queue, selector);
            return Collections.list(browser.getEnumeration()).stream().map(Message.class::cast).toList();
        }
    }

    private static String text(Message message) {
        try {
            return message instanceof TextMessage t ? t.getText() : "";
        } catch (JMSException e) {
            throw new IllegalStateException(e);
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
