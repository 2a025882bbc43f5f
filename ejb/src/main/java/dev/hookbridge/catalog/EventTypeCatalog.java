package dev.hookbridge.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import dev.hookbridge.observability.GatewayMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an event against the catalog as it is published: the data of a catalogued type must be
 * valid under the version it names (the latest when it names none); a type not in the catalog passes
 * unless {@code hookbridge.event-types.require-catalog} is true.
 */
@ApplicationScoped
public class EventTypeCatalog {

    private static final Logger LOG = Logger.getLogger(EventTypeCatalog.class);

    @PersistenceContext
    EntityManager em;

    @Inject
    GatewayMetrics metrics;

    @Inject
    @ConfigProperty(name = "hookbridge.event-types.require-catalog")
    boolean requireCatalog;

    /**
     * Compiled schemas. A version never changes, and a type deleted and created again has another
     * creation time, so an entry never goes stale, on this node or any other.
     */
    private final Map<VersionKey, Schema> compiled = new ConcurrentHashMap<>();

    private record VersionKey(String type, int version, Instant typeCreatedAt) {
    }

    /**
     * Validates {@code data} (JSON text) as an event of {@code type}; answers the version it was
     * validated against, or null for a type not in the catalog.
     *
     * @param version the version the publisher names, or null for the latest
     * @throws InvalidEventException when the catalog refuses the event
     */
    public Integer check(String type, Integer version, String data) {
        EventType eventType = em.find(EventType.class, type);
        if (eventType == null) {
            if (version != null) {
                throw new InvalidEventException("event type '" + type + "' is not in the catalog, so it has no version " + version, List.of());
            }
            if (requireCatalog) {
                throw new InvalidEventException("event type '" + type + "' is not in the catalog, and only catalogued types may be published", List.of());
            }
            return null;
        }
        int checked = version == null ? eventType.getLatestVersion() : version;
        Schema schema = schema(eventType, checked);
        List<JsonSchemas.Violation> violations = JsonSchemas.violations(schema, read(data));
        if (!violations.isEmpty()) {
            throw new InvalidEventException("the data breaks version " + checked + " of event type '" + type + "'", violations);
        }
        if (eventType.isDeprecated()) {
            metrics.deprecatedTypePublished(type);
            LOG.warnf("Published an event of the deprecated type %s (version %d)", type, checked);
        }
        return checked;
    }

    /** Whether the catalog holds this version of this type (an endpoint may pin only such a version). */
    public boolean hasVersion(String type, int version) {
        return em.find(EventTypeVersion.class, new EventTypeVersion.Key(type, version)) != null;
    }

    /**
     * Validates the payloads of other versions a publisher gives beside the event's own ({@code data}
     * at {@code version}), so endpoints pinned to them get theirs.
     *
     * @throws InvalidEventException when one breaks its version's schema, or its version is not one of the type's
     */
    public void checkOtherVersions(String type, Integer version, Map<Integer, String> otherVersions) {
        if (otherVersions.isEmpty()) {
            return;
        }
        EventType eventType = em.find(EventType.class, type);
        if (eventType == null) {
            throw new InvalidEventException("event type '" + type + "' is not in the catalog, so it has no other versions", List.of());
        }
        for (Map.Entry<Integer, String> other : otherVersions.entrySet()) {
            if (other.getKey().equals(version)) {
                throw new InvalidEventException("version " + version + " is the event's own; give it as data, not again in otherVersions", List.of());
            }
            List<JsonSchemas.Violation> violations = JsonSchemas.violations(schema(eventType, other.getKey()), read(other.getValue()));
            if (!violations.isEmpty()) {
                throw new InvalidEventException("the payload of version " + other.getKey() + " breaks that version of event type '"
                        + type + "'", violations.stream().map(v -> new JsonSchemas.Violation("otherVersions." + other.getKey()
                        + " " + v.path(), v.message())).toList());
            }
        }
    }

    private Schema schema(EventType type, int version) {
        VersionKey key = new VersionKey(type.getName(), version, type.getCreatedAt());
        Schema known = compiled.get(key);
        if (known != null) {
            return known;
        }
        EventTypeVersion row = em.find(EventTypeVersion.class, new EventTypeVersion.Key(type.getName(), version));
        if (row == null) {
            throw new InvalidEventException("event type '" + type.getName() + "' has no version " + version
                    + " (its latest is " + type.getLatestVersion() + ")", List.of());
        }
        Schema schema = JsonSchemas.compile(CatalogJson.readStored(row.getSchema()));
        compiled.putIfAbsent(key, schema);
        return schema;
    }

    private static JsonNode read(String data) {
        try {
            return CatalogJson.parse(data);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("data must be JSON", List.of());
        }
    }
}
