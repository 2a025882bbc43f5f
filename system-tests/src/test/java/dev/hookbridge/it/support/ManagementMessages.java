package dev.hookbridge.it.support;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The broker's management API by request and reply messages on {@code activemq.management}, the
 * way the application asks it, as a given broker user: what that user may and may not do.
 *
 * <pre>
 * Answer answer = ManagementMessages.as("hookbridge", "hookbridge").attribute("queue.DLQ.webhooks.inbound", "messageCount");
 * </pre>
 */
public final class ManagementMessages {

    private static final long REPLY_TIMEOUT_MILLIS = 10_000;

    private final String user;
    private final String password;

    private ManagementMessages(String user, String password) {
        this.user = user;
        this.password = password;
    }

    public static ManagementMessages as(String user, String password) {
        return new ManagementMessages(user, password);
    }

    /** The broker's reply: whether it did it, and its text (the JSON array of results, or why not). */
    public record Answer(boolean succeeded, String text) {
    }

    /** Reads an attribute of a resource ({@code broker}, {@code queue.<name>}, …). */
    public Answer attribute(String resource, String attribute) {
        return request(resource, "_AMQ_Attribute", attribute, "[]");
    }

    /** Calls an operation with its parameters as a JSON array. */
    public Answer invoke(String resource, String operation, String parametersJson) {
        return request(resource, "_AMQ_OperationName", operation, parametersJson);
    }

    private Answer request(String resource, String header, String name, String body) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(TestStack.get().broker().url(), user, password);
        factory.setReconnectAttempts(0);
        try (factory; Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            connection.start();
            TextMessage request = session.createTextMessage(body);
            request.setStringProperty("_AMQ_ResourceName", resource);
            request.setStringProperty(header, name);
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("activemq.management")).send(request);
            Message reply = consumer.receive(REPLY_TIMEOUT_MILLIS);
            if (reply == null) {
                throw new AssertionError("no reply from the broker's management to " + resource + " " + name);
            }
            return new Answer(reply.getBooleanProperty("_AMQ_OperationSucceeded"), ((TextMessage) reply).getText());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
