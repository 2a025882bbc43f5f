package dev.hookbridge.source;

import dev.hookbridge.common.ConfiguredInput;
import dev.hookbridge.json.Json;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the sources listed in {@code hookbridge.bootstrap.sources} (a JSON array) at start-up,
 * leaving alone any source that already exists, so a restart never overwrites what ops changed.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class SourceBootstrap {

    private static final Logger LOG = Logger.getLogger(SourceBootstrap.class);

    /** One element of the bootstrap array: a source definition with its name. */
    public record NamedSource(
            @Pattern(regexp = SourceDefinition.NAME_PATTERN, message = SourceDefinition.NAME_RULE) String name,
            String scheme, List<String> secrets, Integer toleranceSeconds, String orderingKey, Map<String, String> options) {
        SourceDefinition definition() {
            return new SourceDefinition(scheme, secrets, toleranceSeconds, orderingKey, options);
        }
    }

    @Inject
    @ConfigProperty(name = "hookbridge.bootstrap.sources")
    Optional<String> bootstrapJson;

    @EJB
    SourceService sources;

    @Inject
    Validator validator;

    @PostConstruct
    void createConfiguredSources() {
        if (bootstrapJson.isEmpty() || bootstrapJson.get().isBlank()) {
            return;
        }
        NamedSource[] configured = Json.JSONB.fromJson(bootstrapJson.get(), NamedSource[].class);
        for (NamedSource source : configured) {
            ConfiguredInput.requireValid(validator, source, "hookbridge.bootstrap.sources");
            SourceDefinition definition = ConfiguredInput.requireValid(validator, source.definition(),
                    "hookbridge.bootstrap.sources, source " + source.name());
            if (sources.createIfAbsent(source.name(), definition)) {
                LOG.infof("Bootstrap created source %s", source.name());
            }
        }
    }
}
