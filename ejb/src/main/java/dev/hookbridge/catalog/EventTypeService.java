package dev.hookbridge.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.common.Page;
import dev.hookbridge.json.JsonProcessing;
import jakarta.ejb.Stateless;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.jboss.logging.Logger;

import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The event-type catalog: creates and updates types, adds versions (each checked to be a valid
 * draft 2020-12 schema and compatible with the version before it in the type's mode), lists and
 * deletes them (docs/event-types.md).
 */
@Stateless
public class EventTypeService {

    private static final Logger LOG = Logger.getLogger(EventTypeService.class);

    @PersistenceContext
    EntityManager em;

    /**
     * Creates the type or updates its description, group, deprecation and mode; adds the versions of
     * {@code definition} the type does not have yet. A version it has must come with the same schema.
     * Answers whether the type was created.
     */
    public boolean put(String name, EventTypeDefinition definition) {
        Instant now = Instant.now();
        // Locked: two updates adding "the next version" at once would otherwise both check against the same one.
        EventType type = em.find(EventType.class, name, LockModeType.PESSIMISTIC_WRITE);
        boolean created = type == null;
        if (created) {
            type = new EventType(name, now);
        }
        type.describe(definition, now);
        Map<Integer, EventTypeVersion> versions = created ? new LinkedHashMap<>() : versionsOf(name);
        int latest = type.getLatestVersion();
        for (Map.Entry<Integer, JsonNode> entry : definition.schemas().entrySet()) {
            int version = entry.getKey();
            JsonNode schema = entry.getValue();
            EventTypeVersion published = versions.get(version);
            if (published != null) {
                if (!CatalogJson.readStored(published.getSchema()).equals(schema)) {
                    throw new PublishedVersionException("version " + version + " of '" + name
                            + "' is published and cannot change; publish the change as version " + (latest + 1));
                }
                continue;
            }
            if (version != latest + 1) {
                throw new InvalidInputException("schemas", "the next version of '" + name + "' is " + (latest + 1)
                        + ", not " + version + ": versions are numbered without gaps");
            }
            List<String> problems = JsonSchemas.problems(schema);
            if (!problems.isEmpty()) {
                throw new InvalidInputException("schemas." + version, "not a usable JSON Schema (draft 2020-12): "
                        + String.join("; ", problems));
            }
            if (latest > 0) {
                requireCompatible(type, version, CatalogJson.readStored(versions.get(latest).getSchema()), schema);
            }
            EventTypeVersion added = new EventTypeVersion(name, version, CatalogJson.write(schema), null, now);
            versions.put(version, added);
            latest = version;
            type.versionAdded(version);
            if (!created) {
                em.persist(added);
            }
        }
        if (created) {
            em.persist(type);
            em.flush();
            versions.values().forEach(em::persist);
        }
        for (Map.Entry<Integer, JsonNode> entry : definition.examples().entrySet()) {
            setExample(name, versions.get(entry.getKey()), entry.getKey(), entry.getValue());
        }
        LOG.infof("Event type %s %s (latest version %d, %s)", name, created ? "created" : "updated", latest,
                type.getCompatibility());
        return created;
    }

    public EventTypeView get(String name) {
        return view(find(name));
    }

    public Page<EventTypeView> list(String after, String group, int limit) {
        var query = em.createQuery("select t from EventType t where t.name > :after"
                        + (group == null ? "" : " and t.group = :group") + " order by t.name", EventType.class)
                .setParameter("after", after == null ? "" : after)
                .setMaxResults(limit + 1);
        if (group != null) {
            query.setParameter("group", group);
        }
        List<EventType> rows = query.getResultList();
        // The versions of the whole page in one query, not one per type.
        Map<String, List<EventTypeVersion>> versions = rows.isEmpty() ? Map.of() : em.createQuery(
                        "select v from EventTypeVersion v where v.typeName in :names order by v.typeName, v.version", EventTypeVersion.class)
                .setParameter("names", rows.stream().map(EventType::getName).toList())
                .getResultStream()
                .collect(Collectors.groupingBy(EventTypeVersion::getTypeName));
        return Page.of(rows, limit, EventType::getName, t -> view(t, versions.getOrDefault(t.getName(), List.of())));
    }

    public void delete(String name) {
        EventType type = find(name);
        em.createQuery("delete from EventTypeVersion v where v.typeName = :name").setParameter("name", name).executeUpdate();
        em.remove(type);
        LOG.infof("Event type %s deleted (events already published keep their version number)", name);
    }

    private void requireCompatible(EventType type, int version, JsonNode previous, JsonNode schema) {
        List<SchemaChange> breaking = type.getCompatibility().breaking(SchemaComparison.between(previous, schema));
        if (!breaking.isEmpty()) {
            throw new IncompatibleSchemaException("version " + version + " of '" + type.getName() + "' breaks "
                    + type.getCompatibility() + " compatibility with version " + (version - 1) + ": "
                    + breaking.stream().map(c -> c.location() + ": " + c.description()).collect(Collectors.joining("; ")), breaking);
        }
    }

    private static void setExample(String name, EventTypeVersion version, int number, JsonNode example) {
        if (version == null) {
            throw new InvalidInputException("examples." + number, "'" + name + "' has no version " + number);
        }
        List<JsonSchemas.Violation> violations = JsonSchemas.violations(JsonSchemas.compile(CatalogJson.readStored(version.getSchema())), example);
        if (!violations.isEmpty()) {
            throw new InvalidInputException("examples." + number, "the example breaks version " + number + "'s schema: "
                    + violations.stream().map(v -> v.path() + " " + v.message()).collect(Collectors.joining("; ")));
        }
        version.example(CatalogJson.write(example));
    }

    private Map<Integer, EventTypeVersion> versionsOf(String name) {
        return em.createQuery("select v from EventTypeVersion v where v.typeName = :name order by v.version", EventTypeVersion.class)
                .setParameter("name", name)
                .getResultStream()
                .collect(Collectors.toMap(EventTypeVersion::getVersion, v -> v, (a, b) -> a, LinkedHashMap::new));
    }

    private EventType find(String name) {
        EventType type = em.find(EventType.class, name);
        if (type == null) {
            throw new NotFoundException("no event type named '" + name + "'");
        }
        return type;
    }

    private EventTypeView view(EventType type) {
        return view(type, List.copyOf(versionsOf(type.getName()).values()));
    }

    private static EventTypeView view(EventType type, List<EventTypeVersion> versions) {
        Map<String, JsonValue> schemas = new LinkedHashMap<>();
        Map<String, JsonValue> examples = new LinkedHashMap<>();
        for (EventTypeVersion version : versions) {
            schemas.put(Integer.toString(version.getVersion()), jsonValue(version.getSchema()));
            if (version.getExample() != null) {
                examples.put(Integer.toString(version.getVersion()), jsonValue(version.getExample()));
            }
        }
        return new EventTypeView(type.getName(), type.getDescription(), type.getGroup(), type.isDeprecated(),
                type.getCompatibility(), type.getLatestVersion(), schemas, examples, type.getCreatedAt(), type.getUpdatedAt());
    }

    private static JsonValue jsonValue(String text) {
        try (var reader = JsonProcessing.PROVIDER.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
