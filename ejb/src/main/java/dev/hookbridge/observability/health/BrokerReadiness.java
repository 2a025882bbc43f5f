package dev.hookbridge.observability.health;

import dev.hookbridge.messaging.JmsNames;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the broker accepts a connection, a session and a producer through the
 * application's own pooled connection factory (the one webhooks are queued with). While the broker is
 * down this fails at once, because the factory makes one connection attempt and never reconnects
 * (initial-connect-attempts=1, reconnect-attempts=0 in hookbridge-install.cli); when it is back, the
 * next probe connects anew. With a broker pair (hookbridge-broker-pair.cli) a probe connects to
 * whichever broker of the pair is active, and is DOWN only while neither is. A broker that holds a connection without answering (while it shuts down)
 * would keep a probe waiting up to the factory's call timeout (3 s): {@link BoundedProbe} answers DOWN
 * after 3 s instead.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    static final String NAME = "hookbridge-broker";

    // JmsNames' constants are inlined by the compiler: this class needs nothing of the EJB module at run time.
    @Resource(lookup = JmsNames.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    /** The server's default managed executor (ee subsystem). */
    @Resource(lookup = "java:jboss/ee/concurrency/executor/default")
    ManagedExecutorService executor;

    private final BoundedProbe bounded = new BoundedProbe(NAME);

    @Override
    public HealthCheckResponse call() {
        return bounded.run(executor, this::probeBroker);
    }

    private HealthCheckResponse probeBroker() {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            // Creating a producer asks the broker about the address: a round trip, not only a local handle.
            session.createProducer(session.createQueue(JmsNames.INBOUND_ADDRESS)).close();
            return HealthCheckResponse.up(NAME);
        } catch (JMSException | RuntimeException e) {
            return Down.because(NAME, e);
        }
    }
}
