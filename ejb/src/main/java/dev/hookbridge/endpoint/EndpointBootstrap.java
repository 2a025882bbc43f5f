package dev.hookbridge.endpoint;

import dev.hookbridge.common.ConfiguredInput;
import dev.hookbridge.json.Json;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Creates the endpoints listed in {@code hookbridge.bootstrap.endpoints} (a JSON array of endpoint
 * definitions) at start-up, skipping any whose URL an endpoint already has, so a restart never
 * duplicates or overwrites what ops changed. Give such endpoints a {@code secret}: a generated one
 * would be shown to nobody.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class EndpointBootstrap {

    private static final Logger LOG = Logger.getLogger(EndpointBootstrap.class);

    @Inject
    @ConfigProperty(name = "hookbridge.bootstrap.endpoints")
    Optional<String> bootstrapJson;

    @EJB
    EndpointService endpoints;

    @Inject
    Validator validator;

    @PostConstruct
    void createConfiguredEndpoints() {
        if (bootstrapJson.isEmpty() || bootstrapJson.get().isBlank()) {
            return;
        }
        for (EndpointDefinition definition : Json.JSONB.fromJson(bootstrapJson.get(), EndpointDefinition[].class)) {
            ConfiguredInput.requireValid(validator, definition, "hookbridge.bootstrap.endpoints");
            if (endpoints.existsWithUrl(definition.url())) {
                continue;
            }
            EndpointView created = endpoints.create(definition);
            LOG.infof("Bootstrap created endpoint %s for %s", created.id(), created.url());
        }
    }
}
