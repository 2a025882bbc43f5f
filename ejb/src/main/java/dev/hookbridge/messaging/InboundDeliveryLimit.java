package dev.hookbridge.messaging;

import dev.hookbridge.json.JsonProcessing;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jboss.logging.Logger;

import java.io.StringReader;
import java.util.OptionalInt;

/**
 * Knows how many deliveries the broker allows a message on {@code webhooks.inbound} before it moves
 * it to the DLQ, by asking the broker's management API ({@link BrokerManagement}): the limit is
 * configured once, in broker.xml, and never copied into the application.
 */
@Singleton
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboundDeliveryLimit {

    private static final Logger LOG = Logger.getLogger(InboundDeliveryLimit.class);

    @EJB
    BrokerManagement management;

    private volatile OptionalInt cached = OptionalInt.empty();

    /** Whether the broker will not deliver a message again after this delivery fails. */
    public boolean isLastDelivery(int delivery) {
        OptionalInt limit = maxDeliveryAttempts();
        return limit.isPresent() && limit.getAsInt() > 0 && delivery >= limit.getAsInt();
    }

    /** The broker's max-delivery-attempts for webhooks.inbound; empty while the broker cannot be asked. */
    public OptionalInt maxDeliveryAttempts() {
        OptionalInt known = cached;
        if (known.isEmpty()) {
            known = query();
            cached = known;
        }
        return known;
    }

    private OptionalInt query() {
        try {
            JsonValue result = management.invoke("broker", "getAddressSettingsAsJSON",
                    JsonProcessing.PROVIDER.createArrayBuilder().add(JmsNames.INBOUND_ADDRESS).build());
            String settings = ((JsonString) result).getString();
            int limit = JsonProcessing.PROVIDER.createReader(new StringReader(settings)).readObject().getInt("maxDeliveryAttempts");
            LOG.infof("Broker delivers a message on %s at most %d times", JmsNames.INBOUND_ADDRESS, limit);
            return OptionalInt.of(limit);
        } catch (Exception e) {
            // Asked again on the next failure; meanwhile a failing event is retried but not yet marked DEAD.
            LOG.warnf("Could not ask the broker for the delivery limit of %s: %s", JmsNames.INBOUND_ADDRESS, e.toString());
            return OptionalInt.empty();
        }
    }
}
