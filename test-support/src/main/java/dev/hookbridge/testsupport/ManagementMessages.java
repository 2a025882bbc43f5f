package dev.hookbridge.testsupport;

import dev.hookbridge.stack.ArtemisBroker;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A test broker's management API by request and reply messages on {@code activemq.management}, the
 * way the application asks it, as a given broker user: what that user may and may not do. A refusal
 * is an answer, not an error.
 *
 * <pre>
 * Answer answer = ManagementMessages.as(broker, "hookbridge", "hookbridge").attribute("queue.DLQ.webhooks.inbound", "messageCount");
 * </pre>
 */
public final class ManagementMessages {

    private static final long REPLY_TIMEOUT_MILLIS = 10_000;

    private final String brokerUrl;
    private final String user;
    private final String password;

    private ManagementMessages(String brokerUrl, String user, String password) {
        this.brokerUrl = brokerUrl;
        this.user = user;
        this.password = password;
    }

    public static ManagementMessages as(ArtemisBroker broker, String user, String password) {
        return new ManagementMessages(broker.url(), user, password);
    }

    /** The broker's reply: whether it did it, and its text (the JSON array of results, or why not). */
    public record Answer(boolean succeeded, String text) {
    }

    /** Reads an attribute of a resource ({@code broker}, {@code queue.<name>}, …). */
    public Answer attribute(String resource, String attribute) {
        return request(resource, request -> JMSManagementHelper.putAttribute(request, resource, attribute));
    }

    /** Calls an operation with its parameters. */
    public Answer invoke(String resource, String operation, Object... parameters) {
        return request(resource + " " + operation,
                request -> JMSManagementHelper.putOperationInvocation(request, resource, operation, parameters));
    }

    private interface Filling {
        void fill(Message request) throws Exception;
    }

    private Answer request(String what, Filling filling) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl, user, password);
        factory.setReconnectAttempts(0);
        try (factory; Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            connection.start();
            Message request = session.createMessage();
            filling.fill(request);
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("activemq.management")).send(request);
            Message reply = consumer.receive(REPLY_TIMEOUT_MILLIS);
            if (reply == null) {
                throw new AssertionError("no reply from the broker's management to " + what);
            }
            return new Answer(JMSManagementHelper.hasOperationSucceeded(reply), ((TextMessage) reply).getText());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not ask the broker's management " + what, e);
        }
    }
}
