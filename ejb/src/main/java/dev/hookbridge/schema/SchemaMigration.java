package dev.hookbridge.schema;

import dev.hookbridge.common.Datasource;
import dev.hookbridge.crypto.SecretCipher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import javax.sql.DataSource;

/**
 * Brings the database schema up to date when the application is deployed, from the versioned
 * migrations in {@code db/migration} and the Java ones registered here. Flyway takes a database lock, so several nodes starting at
 * once migrate only once.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    @Resource(lookup = Datasource.JNDI_NAME)
    DataSource dataSource;

    /** Looked up only by a migration that has something to encrypt. */
    @Inject
    Instance<SecretCipher> cipher;

    @PostConstruct
    void migrate() {
        var result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V6__EncryptEndpointHeaders(cipher::get))
                .load()
                .migrate();
        LOG.infof("Schema at version %s (%d migrations applied now)", result.targetSchemaVersion, result.migrationsExecuted);
    }
}
