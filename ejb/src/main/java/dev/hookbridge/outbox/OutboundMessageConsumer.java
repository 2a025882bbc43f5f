package dev.hookbridge.outbox;

import dev.hookbridge.messaging.JmsNames;
import dev.hookbridge.tracing.Traces;
import io.opentelemetry.context.Scope;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import org.jboss.ejb3.annotation.Pool;
import org.jboss.ejb3.annotation.ResourceAdapter;
import org.jboss.logging.Logger;

/**
 * Turns messages that any JMS producer sends to {@code webhooks.outbound} (a TextMessage with JSON
 * data, string property {@code type}, optional {@code eventId}) into outbound events, in the
 * message's transaction. A message that cannot become an event is refused loudly; the broker
 * redelivers it and, at its limit, parks it in {@code DLQ.webhooks.outbound}.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = JmsNames.OUTBOUND_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "reconnectAttempts", propertyValue = "-1"),
        @ActivationConfigProperty(propertyName = "transactionTimeout", propertyValue = JmsNames.MDB_TRANSACTION_TIMEOUT_SECONDS),
})
@ResourceAdapter(JmsNames.RESOURCE_ADAPTER)
@Pool(JmsNames.MDB_POOL)
public class OutboundMessageConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(OutboundMessageConsumer.class);

    @EJB
    EventPublisher publisher;

    @Override
    public void onMessage(Message message) {
        try {
            if (!(message instanceof TextMessage text)) {
                throw new IllegalArgumentException("a message on webhooks.outbound must be a TextMessage with JSON data");
            }
            String type = message.getStringProperty(JmsNames.PROPERTY_TYPE);
            String eventId = message.getStringProperty(JmsNames.PROPERTY_EVENT_ID);
            // A producer that sends its trace context has the deliveries continue its trace.
            try (Scope producersTrace = Traces.resumed(message.getStringProperty(JmsNames.PROPERTY_TRACEPARENT)).makeCurrent()) {
                publisher.publish(new PublishRequest(type, text.getText(), eventId, null));
            }
        } catch (JMSException | RuntimeException e) {
            LOG.warnf("Refused a message on webhooks.outbound (the broker retries, then parks it in DLQ.webhooks.outbound): %s", e.getMessage());
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
