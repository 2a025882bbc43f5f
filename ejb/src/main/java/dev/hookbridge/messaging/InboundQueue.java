package dev.hookbridge.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Queues inbox events for processing on {@code webhooks.inbound}. MANDATORY: the send is only
 * meaningful inside the transaction that wrote (or replays) the inbox rows.
 *
 * An event alone, or one with an ordering group, gets a message of its own (its properties:
 * docs/inbound.md, "Broker addresses"). Events stored together without an ordering group share one
 * group message ({@link InboundGroupMessage}), processed in one transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class InboundQueue {

    @Inject
    @JMSConnectionFactory(JmsNames.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = JmsNames.INBOUND_QUEUE)
    Queue queue;

    /** Queues events stored in the current transaction: one group message for those that may share one. */
    public void send(List<QueuedEvent> events) {
        List<QueuedEvent> groupable = new ArrayList<>(events.size());
        JMSProducer producer = producer();
        for (QueuedEvent event : events) {
            if (event.orderingGroup() != null) {
                producer.send(queue, single(event, false));
            } else {
                groupable.add(event);
            }
        }
        if (groupable.size() == 1) {
            producer.send(queue, single(groupable.get(0), false));
        } else if (groupable.size() > 1) {
            producer.send(queue, group(groupable));
        }
    }

    /** One message per event: a group message split after its processing failed. */
    public void sendEach(List<QueuedEvent> events) {
        JMSProducer producer = producer();
        for (QueuedEvent event : events) {
            producer.send(queue, single(event, false));
        }
    }

    /** A manual replay of one event: processed even when already PROCESSED. */
    public void sendReplay(QueuedEvent event) {
        producer().send(queue, single(event, true));
    }

    private JMSProducer producer() {
        return jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
    }

    private Message single(QueuedEvent event, boolean replay) {
        try {
            Message message = jms.createMessage();
            message.setStringProperty(JmsNames.PROPERTY_INBOX_ID, Long.toString(event.inboxId()));
            message.setStringProperty(JmsNames.PROPERTY_SOURCE, event.source());
            message.setStringProperty(JmsNames.PROPERTY_EVENT_ID, event.eventId());
            message.setStringProperty(JmsNames.PROPERTY_EVENT_TYPE, event.eventType());
            if (event.orderingGroup() != null) {
                // Events of one group are handed to one consumer at a time, in order.
                message.setStringProperty(JmsNames.PROPERTY_GROUP_ID, event.orderingGroup());
            }
            if (event.traceparent() != null) {
                message.setStringProperty(JmsNames.PROPERTY_TRACEPARENT, event.traceparent());
            }
            if (replay) {
                message.setBooleanProperty(JmsNames.PROPERTY_REPLAY, true);
            }
            return message;
        } catch (JMSException e) {
            throw new IllegalStateException("could not build the message for inbox event " + event.inboxId(), e);
        }
    }

    private Message group(List<QueuedEvent> events) {
        try {
            TextMessage message = jms.createTextMessage(InboundGroupMessage.body(events));
            message.setIntProperty(JmsNames.PROPERTY_EVENT_COUNT, events.size());
            // For ops reading the queue in the console; processing reads the body.
            message.setStringProperty(JmsNames.PROPERTY_INBOX_IDS,
                    events.stream().map(e -> Long.toString(e.inboxId())).collect(Collectors.joining(",")));
            return message;
        } catch (JMSException e) {
            throw new IllegalStateException("could not build the group message for inbox events "
                    + events.get(0).inboxId() + "…" + events.get(events.size() - 1).inboxId(), e);
        }
    }
}
