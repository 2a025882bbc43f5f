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
import jakarta.jms.Message;
import jakarta.jms.Queue;

/**
 * Queues an inbox event for processing on {@code webhooks.inbound}. MANDATORY: the send is only
 * meaningful inside the transaction that wrote (or replays) the inbox row.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class InboundQueue {

    @Inject
    @JMSConnectionFactory(JmsNames.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = JmsNames.INBOUND_QUEUE)
    Queue queue;

    public void send(long inboxId, String source, String eventId, String eventType, String orderingGroup, boolean replay) {
        try {
            Message message = jms.createMessage();
            message.setStringProperty(JmsNames.PROPERTY_INBOX_ID, Long.toString(inboxId));
            message.setStringProperty(JmsNames.PROPERTY_SOURCE, source);
            message.setStringProperty(JmsNames.PROPERTY_EVENT_ID, eventId);
            message.setStringProperty(JmsNames.PROPERTY_EVENT_TYPE, eventType);
            if (orderingGroup != null) {
                // Events of one group are handed to one consumer at a time, in order.
                message.setStringProperty(JmsNames.PROPERTY_GROUP_ID, orderingGroup);
            }
            if (replay) {
                message.setBooleanProperty(JmsNames.PROPERTY_REPLAY, true);
            }
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(queue, message);
        } catch (JMSException e) {
            throw new IllegalStateException("could not build the message for inbox event " + inboxId, e);
        }
    }
}
