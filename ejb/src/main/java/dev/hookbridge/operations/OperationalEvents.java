package dev.hookbridge.operations;

import dev.hookbridge.outbox.EventPublisher;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Raises an operational event in both its forms, inside the transaction of the change that causes it
 * (MANDATORY): a message on {@code webhooks.operations}, and a signed webhook to each operator
 * endpoint that wants its type, sent by the dispatcher with its retries and delivery log.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class OperationalEvents {

    @EJB
    OperationsTopic topic;

    @EJB
    EventPublisher publisher;

    @Inject
    DashboardLinks links;

    public void raise(OperationalEvent event) {
        OperationalEvent raised = links.applyTo(event);
        topic.announce(raised);
        publisher.publishToOperators(raised.type().wireName(), raised.toJson().toString(), raised.endpointId());
    }
}
