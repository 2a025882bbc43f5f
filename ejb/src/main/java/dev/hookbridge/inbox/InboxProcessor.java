package dev.hookbridge.inbox;

import dev.hookbridge.common.BackendFailures;
import dev.hookbridge.messaging.InboundDeliveryLimit;
import dev.hookbridge.messaging.InboundGroupMessage;
import dev.hookbridge.messaging.InboundQueue;
import dev.hookbridge.messaging.QueuedEvent;
import dev.hookbridge.messaging.JmsNames;
import dev.hookbridge.tracing.TraceParent;
import dev.hookbridge.tracing.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.jboss.ejb3.annotation.Pool;
import org.jboss.ejb3.annotation.ResourceAdapter;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code webhooks.inbound} and processes each event in the message's transaction. A failure
 * is recorded on the inbox row and rethrown, so the transaction rolls back and the broker redelivers
 * with the delays and limit of broker.xml; after the last delivery the row is DEAD and the message
 * waits in {@code DLQ.webhooks.inbound} for ops.
 *
 * A group message ({@link InboundGroupMessage}) is processed in one transaction on its first
 * delivery. If that fails, its redelivery is not processed again but split into one message per
 * event, in the consuming transaction: from then on each event has the redelivery delays, the limit,
 * the DEAD mark and the DLQ of a single event, and one bad event never holds up the others.
 *
 * Each event's processing is a span of the event's own trace, continued from the message (a group
 * message names each event's trace in its body).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = JmsNames.INBOUND_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // The connection factory fails fast (a webhook sent while the broker is down gets 503); the
        // consumer instead keeps reconnecting until the broker is back.
        @ActivationConfigProperty(propertyName = "reconnectAttempts", propertyValue = "-1"),
        @ActivationConfigProperty(propertyName = "transactionTimeout", propertyValue = JmsNames.MDB_TRANSACTION_TIMEOUT_SECONDS),
        // maxSession: in META-INF/jboss-ejb3.xml, from the server's hookbridge.inbound.max-sessions.
})
@ResourceAdapter(JmsNames.RESOURCE_ADAPTER)
@Pool(JmsNames.MDB_POOL)
public class InboxProcessor implements MessageListener {

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class);

    @EJB
    InboundEventProcessing processing;

    @EJB
    ProcessingFailures failures;

    @EJB
    InboundDeliveryLimit deliveryLimit;

    @EJB
    InboundQueue queue;

    @Inject
    Traces traces;

    private static final String PROCESS_SPAN = "process webhooks.inbound";

    @Override
    public void onMessage(Message message) {
        if (isGroup(message)) {
            onGroup(message);
            return;
        }
        long inboxId;
        int delivery;
        boolean replay;
        try {
            inboxId = Long.parseLong(message.getStringProperty(JmsNames.PROPERTY_INBOX_ID));
            delivery = message.propertyExists(JmsNames.PROPERTY_DELIVERY_COUNT)
                    ? message.getIntProperty(JmsNames.PROPERTY_DELIVERY_COUNT) : 1;
            replay = message.propertyExists(JmsNames.PROPERTY_REPLAY) && message.getBooleanProperty(JmsNames.PROPERTY_REPLAY);
        } catch (JMSException | NumberFormatException e) {
            // Not one of ours: throwing lets the broker count it and park it in the DLQ.
            throw new IllegalArgumentException("message on webhooks.inbound without a valid inboxId property", e);
        }
        Span span = traces.start(PROCESS_SPAN, SpanKind.CONSUMER, traceparent(message));
        span.setAttribute("hookbridge.inbox_id", inboxId);
        span.setAttribute("messaging.message.delivery_count", delivery);
        try (Scope current = span.makeCurrent()) {
            processing.process(inboxId, delivery, replay);
        } catch (RuntimeException e) {
            Traces.failed(span, e);
            boolean last = deliveryLimit.isLastDelivery(delivery);
            // A lost connection says nothing about the event: on the last delivery it stays RECEIVED,
            // and StrandedEventRescue sends its dead-lettered message back once the database answers
            // (the database may be back in time to record a failure it caused while starting up).
            boolean dead = last && !BackendFailures.isConnectionLost(e);
            LOG.warnf("Processing failed inboxId=%d delivery=%d%s: %s", inboxId, delivery,
                    dead ? " (last delivery: DEAD, message goes to the DLQ)"
                            : last ? " (last delivery, connection lost: left RECEIVED, the message is sent back from the DLQ later)" : "",
                    ProcessingFailures.describe(e));
            try {
                failures.record(inboxId, delivery, dead, e);
            } catch (RuntimeException recordFailure) {
                // The database may be what failed; the broker still redelivers, which is what matters.
                LOG.errorf("Could not record the failure of inboxId=%d: %s", inboxId, ProcessingFailures.describe(recordFailure));
            }
            throw e;
        } finally {
            span.end();
        }
    }

    private static String traceparent(Message message) {
        try {
            return message.getStringProperty(JmsNames.PROPERTY_TRACEPARENT);
        } catch (JMSException e) {
            return null;
        }
    }

    private static boolean isGroup(Message message) {
        try {
            return message.propertyExists(JmsNames.PROPERTY_EVENT_COUNT);
        } catch (JMSException e) {
            throw new IllegalStateException("could not read the properties of a message on webhooks.inbound", e);
        }
    }

    private void onGroup(Message message) {
        List<QueuedEvent> events;
        int delivery;
        try {
            events = InboundGroupMessage.events(message.getBody(String.class));
            delivery = message.propertyExists(JmsNames.PROPERTY_DELIVERY_COUNT)
                    ? message.getIntProperty(JmsNames.PROPERTY_DELIVERY_COUNT) : 1;
        } catch (JMSException | RuntimeException e) {
            // Not one of ours: throwing lets the broker count it and park it in the DLQ.
            throw new IllegalArgumentException("group message on webhooks.inbound without a valid body", e);
        }
        if (delivery > 1) {
            queue.sendEach(events);
            LOG.infof("Split a group of %d events (inboxIds %d…%d) into one message each after its processing failed",
                    events.size(), events.get(0).inboxId(), events.get(events.size() - 1).inboxId());
            return;
        }
        List<Span> spans = new ArrayList<>(events.size());
        List<QueuedEvent> traced = new ArrayList<>(events.size());
        for (QueuedEvent event : events) {
            Span span = traces.start(PROCESS_SPAN, SpanKind.CONSUMER, event.traceparent());
            span.setAttribute("hookbridge.inbox_id", event.inboxId());
            span.setAttribute("hookbridge.group_size", events.size());
            spans.add(span);
            traced.add(new QueuedEvent(event.inboxId(), event.source(), event.eventId(), event.eventType(), null,
                    TraceParent.of(span)));
        }
        try {
            processing.processGroup(traced);
        } catch (RuntimeException e) {
            spans.forEach(span -> Traces.failed(span, e));
            LOG.warnf("Processing a group of %d events failed (inboxIds %d…%d): %s; its redelivery is split into one "
                            + "message per event", events.size(), events.get(0).inboxId(),
                    events.get(events.size() - 1).inboxId(), ProcessingFailures.describe(e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }
}
