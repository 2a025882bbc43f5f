package dev.hookbridge.outbox;

import dev.hookbridge.messaging.JmsNames;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;

import java.util.Collections;

/**
 * Parks a message of {@code webhooks.outbound} that can never become an event (its input breaks a
 * rule) in {@code DLQ.webhooks.outbound} at once, with its text, its properties and the reason, in
 * the consuming transaction: redelivering it could only fail the same way.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class OutboundDeadLetters {

    @Inject
    @JMSConnectionFactory(JmsNames.CONNECTION_FACTORY)
    JMSContext jms;

    public void park(TextMessage refused, String reason) throws JMSException {
        JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        for (Object name : Collections.list(refused.getPropertyNames())) {
            String property = (String) name;
            if (!property.startsWith("JMSX") && !property.startsWith("_")) {
                producer.setProperty(property, refused.getObjectProperty(property));
            }
        }
        producer.setProperty(JmsNames.PROPERTY_REASON, reason)
                .send(jms.createQueue(JmsNames.OUTBOUND_DLQ_ADDRESS), refused.getText());
    }
}
