package dev.hookbridge.messaging;

import dev.hookbridge.json.JsonProcessing;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;

import java.io.StringReader;

/**
 * Asks the Hookbridge broker's management API (request and reply messages on
 * {@code activemq.management}) through the application's own connection factory. Outside any
 * transaction (NOT_SUPPORTED), because a request-reply inside one would wait for a reply that is only
 * sent at commit.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BrokerManagement {

    private static final long REPLY_TIMEOUT_MILLIS = 5_000;

    // Artemis' management-by-messaging headers: a request names the resource and either an attribute or
    // an operation (whose text body is the JSON array of parameters); the reply's text is the JSON array
    // of results.
    private static final String RESOURCE_NAME = "_AMQ_ResourceName";
    private static final String ATTRIBUTE = "_AMQ_Attribute";
    private static final String OPERATION_NAME = "_AMQ_OperationName";
    private static final String OPERATION_SUCCEEDED = "_AMQ_OperationSucceeded";

    /** Resource name of a queue in the management API, e.g. {@code queue.DLQ.webhooks.inbound}. */
    public static String queueResource(String queueName) {
        return "queue." + queueName;
    }

    @Resource(lookup = JmsNames.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    /** Reads an attribute, e.g. a queue's {@code messageCount}. */
    public JsonValue attribute(String resource, String attribute) throws JMSException {
        return request(resource, ATTRIBUTE, attribute, "[]");
    }

    /** Calls an operation with the given parameters. */
    public JsonValue invoke(String resource, String operation, JsonArray parameters) throws JMSException {
        return request(resource, OPERATION_NAME, operation, parameters.toString());
    }

    private JsonValue request(String resource, String header, String name, String body) throws JMSException {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            connection.start();
            // Built by hand: the resource adapter's messages are wrappers that Artemis' own helper refuses.
            TextMessage request = session.createTextMessage(body);
            request.setStringProperty(RESOURCE_NAME, resource);
            request.setStringProperty(header, name);
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue(JmsNames.MANAGEMENT_ADDRESS)).send(request);
            Message reply = consumer.receive(REPLY_TIMEOUT_MILLIS);
            if (reply == null) {
                throw new JMSException("no reply from the broker's management to " + resource + " " + name);
            }
            String result = reply instanceof TextMessage text ? text.getText() : null;
            if (result == null || !reply.getBooleanProperty(OPERATION_SUCCEEDED)) {
                throw new JMSException("the broker's management refused " + resource + " " + name + ": " + result);
            }
            JsonArray results = JsonProcessing.PROVIDER.createReader(new StringReader(result)).readArray();
            return results.isEmpty() ? JsonValue.NULL : results.get(0);
        }
    }
}
