package dev.hookbridge.outbox;

import dev.hookbridge.catalog.EventTypeCatalog;
import dev.hookbridge.catalog.InvalidEventException;
import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.customer.CustomerService;
import dev.hookbridge.messaging.JmsNames;
import dev.hookbridge.tracing.Traces;
import io.opentelemetry.context.Scope;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import org.jboss.ejb3.annotation.Pool;
import org.jboss.ejb3.annotation.ResourceAdapter;
import org.jboss.logging.Logger;

import java.util.stream.Collectors;

/**
 * Turns messages that any JMS producer sends to {@code webhooks.outbound} (a TextMessage with JSON
 * data, string property {@code type}, optional {@code eventId}, {@code version} and {@code customer}) into outbound
 * events, in the message's transaction. A message whose input breaks a rule (no type, data that is
 * not JSON or breaks its catalogued schema, …) is parked in {@code DLQ.webhooks.outbound} at once with
 * the property {@code reason}; any other failure (the database unreachable) rolls back, and the broker
 * redelivers the message and, at its limit, parks it there too (without a reason).
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

    @EJB
    OutboundDeadLetters deadLetters;

    @Inject
    EventTypeCatalog catalog;

    @EJB
    CustomerService customers;

    @Override
    public void onMessage(Message message) {
        try {
            if (!(message instanceof TextMessage text)) {
                throw new IllegalArgumentException("a message on webhooks.outbound must be a TextMessage with JSON data");
            }
            PublishRequest request;
            try {
                // Checked here, outside the publisher: a refusal thrown by an EJB would mark this
                // transaction for rollback, and the message could not be parked in it.
                request = new PublishRequest(text.getStringProperty(JmsNames.PROPERTY_TYPE), text.getText(),
                        text.getStringProperty(JmsNames.PROPERTY_EVENT_ID), null, version(text), null,
                        text.getStringProperty(JmsNames.PROPERTY_CUSTOMER));
                request.validate();
                if (request.customer() != null && !customers.exists(request.customer())) {
                    throw InvalidEventException.unknownCustomer(request.customer());
                }
                catalog.check(request.type(), request.version(), request.data());
            } catch (InvalidInputException | InvalidEventException refused) {
                String reason = reason(refused);
                deadLetters.park(text, reason);
                LOG.warnf("Parked a message of webhooks.outbound in DLQ.webhooks.outbound: %s", reason);
                return;
            }
            // A producer that sends its trace context has the deliveries continue its trace.
            try (Scope producersTrace = Traces.resumed(text.getStringProperty(JmsNames.PROPERTY_TRACEPARENT)).makeCurrent()) {
                publisher.publish(request);
            }
        } catch (JMSException | RuntimeException e) {
            LOG.warnf("Refused a message on webhooks.outbound (the broker retries, then parks it in DLQ.webhooks.outbound): %s", e.getMessage());
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** The property {@code version}: an int, or a string holding one; absent means the latest. */
    private static Integer version(Message message) throws JMSException {
        Object value = message.getObjectProperty(JmsNames.PROPERTY_VERSION);
        if (value == null) {
            return null;
        }
        try {
            int version = value instanceof Number number ? Math.toIntExact(number.longValue()) : Integer.parseInt(value.toString().trim());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // Refused below, like any other value that is not a version.
        }
        throw new InvalidInputException("version", "the property version must be a whole number from 1, not '" + value + "'");
    }

    private static String reason(RuntimeException refused) {
        if (refused instanceof InvalidEventException invalid && !invalid.violations().isEmpty()) {
            return refused.getMessage() + ": " + invalid.violations().stream()
                    .map(v -> v.path() + " " + v.message()).collect(Collectors.joining("; "));
        }
        return refused.getMessage();
    }
}
