package dev.hookbridge.observability.health;

import dev.hookbridge.common.Datasource;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Ready only while PostgreSQL answers a trivial query through the application's own datasource (so
 * an exhausted or broken pool counts too), within a short timeout. UP again at the first probe after
 * the database is back: the pool validates connections on checkout and replaces dead ones. Getting a
 * connection may wait longer than the query (pool full, unreachable host): {@link BoundedProbe}
 * answers DOWN after 3 s then.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final String NAME = "hookbridge-database";
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    // A constant, so the name is compiled in: this class runs from lib/, which cannot see the EJB jar.
    @Resource(lookup = Datasource.JNDI_NAME)
    DataSource dataSource;

    /** The server's default managed executor (ee subsystem). */
    @Resource(lookup = "java:jboss/ee/concurrency/executor/default")
    ManagedExecutorService executor;

    private final BoundedProbe bounded = new BoundedProbe(NAME);

    @Override
    public HealthCheckResponse call() {
        return bounded.run(executor, this::probeDatabase);
    }

    private HealthCheckResponse probeDatabase() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.execute("select 1");
            return HealthCheckResponse.up(NAME);
        } catch (SQLException | RuntimeException e) {
            return Down.because(NAME, e);
        }
    }
}
