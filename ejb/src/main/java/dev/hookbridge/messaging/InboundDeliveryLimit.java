package dev.hookbridge.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import org.jboss.logging.Logger;

import java.io.StringReader;
import java.util.OptionalInt;

/**
 * Knows how many deliveries the broker allows a message on {@code webhooks.inbound} before it moves
 * it to the DLQ, by asking the broker's management API: the limit is configured once, in broker.xml,
 * and never copied into the application. Outside any transaction (NOT_SUPPORTED), because a
 * request-reply inside one would wait for a reply that is only sent at commit.
 */
@Singleton
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboundDeliveryLimit {

    private static final Logger LOG = Logger.getLogger(InboundDeliveryLimit.class);
    private static final long REPLY_TIMEOUT_MILLIS = 5_000;

    // Artemis' management-by-messaging headers: a request names the resource and the operation, its
    // text body is the JSON array of parameters; the reply's text is the JSON array of results.
    private static final String RESOURCE_NAME = "_AMQ_ResourceName";
    private static final String OPERATION_NAME = "_AMQ_OperationName";
    private static final String OPERATION_SUCCEEDED = "_AMQ_OperationSucceeded";

    @Resource(lookup = JmsNames.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    private volatile OptionalInt cached = OptionalInt.empty();

    /** Whether the broker will not deliver a message again after this delivery fails. */
    public boolean isLastDelivery(int delivery) {
        OptionalInt limit = maxDeliveryAttempts();
        return limit.isPresent() && limit.getAsInt() > 0 && delivery >= limit.getAsInt();
    }

    /** The broker's max-delivery-attempts for webhooks.inbound; empty while the broker cannot be asked. */
    public OptionalInt maxDeliveryAttempts() {
        OptionalInt known = cached;
        if (known.isEmpty()) {
            known = query();
            cached = known;
        }
        return known;
    }

    private OptionalInt query() {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Queue management = session.createQueue(JmsNames.MANAGEMENT_ADDRESS);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            connection.start();
            // Built by hand: the resource adapter's messages are wrappers that Artemis' own helper refuses.
            TextMessage request = session.createTextMessage(Json.createArrayBuilder().add(JmsNames.INBOUND_ADDRESS).build().toString());
            request.setStringProperty(RESOURCE_NAME, "broker");
            request.setStringProperty(OPERATION_NAME, "getAddressSettingsAsJSON");
            request.setJMSReplyTo(replies);
            session.createProducer(management).send(request);
            Message reply = consumer.receive(REPLY_TIMEOUT_MILLIS);
            String result = reply instanceof TextMessage text ? text.getText() : null;
            if (result == null || !reply.getBooleanProperty(OPERATION_SUCCEEDED)) {
                LOG.warnf("The broker did not tell the delivery limit of %s: %s", JmsNames.INBOUND_ADDRESS,
                        reply == null ? "no reply" : result);
                return OptionalInt.empty();
            }
            JsonArray results = Json.createReader(new StringReader(result)).readArray();
            String settings = results.getString(0);
            int limit = Json.createReader(new StringReader(settings)).readObject().getInt("maxDeliveryAttempts");
            LOG.infof("Broker delivers a message on %s at most %d times", JmsNames.INBOUND_ADDRESS, limit);
            return OptionalInt.of(limit);
        } catch (Exception e) {
            // Asked again on the next failure; meanwhile a failing event is retried but not yet marked DEAD.
            LOG.warnf("Could not ask the broker for the delivery limit of %s: %s", JmsNames.INBOUND_ADDRESS, e.toString());
            return OptionalInt.empty();
        }
    }
}
