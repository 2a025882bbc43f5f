package dev.hookbridge.catalog;

import dev.hookbridge.json.JsonProcessing;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.StringReader;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The catalog as receivers' tools read it: an OpenAPI 3.1 document whose {@code webhooks} hold one
 * entry per event type and version, with the delivered body (its {@code data} the version's schema),
 * the example and the Standard Webhooks headers (docs/event-types.md, "For receivers").
 */
@Stateless
public class CatalogOpenApi {

    /** Base of each version's schema id, so its own "#/$defs/…" references resolve inside it. */
    static final String SCHEMA_ID_BASE = "urn:hookbridge:event-type:";
    private static final JsonProvider JSON = JsonProcessing.PROVIDER;

    @PersistenceContext
    EntityManager em;

    public JsonObject document() {
        List<EventType> types = em.createQuery("select t from EventType t order by t.name", EventType.class).getResultList();
        Map<String, List<EventTypeVersion>> versions = em.createQuery(
                        "select v from EventTypeVersion v order by v.typeName, v.version", EventTypeVersion.class)
                .getResultStream()
                .collect(Collectors.groupingBy(EventTypeVersion::getTypeName));
        JsonObjectBuilder webhooks = JSON.createObjectBuilder();
        JsonObjectBuilder schemas = JSON.createObjectBuilder();
        for (EventType type : types) {
            for (EventTypeVersion version : versions.getOrDefault(type.getName(), List.of())) {
                String key = entryName(type.getName(), version.getVersion());
                schemas.add(key, withId(read(version.getSchema()), type.getName(), version.getVersion()));
                webhooks.add(key, JSON.createObjectBuilder().add("post", operation(type, version, key)));
            }
        }
        return JSON.createObjectBuilder()
                .add("openapi", "3.1.0")
                .add("info", JSON.createObjectBuilder()
                        .add("title", "Webhooks")
                        // When the catalog last changed: enough for a receiver to tell two exports apart.
                        .add("version", types.stream().map(EventType::getUpdatedAt).max(Comparator.naturalOrder())
                                .map(Instant::toString).orElse("empty"))
                        .add("description", "The webhooks this service sends, one entry per event type and version. Each is "
                                + "an HTTP POST of JSON signed as Standard Webhooks: verify webhook-signature over "
                                + "'<webhook-id>.<webhook-timestamp>.<body>' with your endpoint's secret."))
                .add("webhooks", webhooks)
                .add("components", JSON.createObjectBuilder().add("schemas", schemas))
                .build();
    }

    /** The key of a version in {@code webhooks} and {@code components/schemas}, and its operationId. */
    static String entryName(String type, int version) {
        return type + ".v" + version;
    }

    private static JsonObjectBuilder operation(EventType type, EventTypeVersion version, String key) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", "object")
                .add("required", JSON.createArrayBuilder().add("id").add("type").add("timestamp").add("data"))
                .add("properties", JSON.createObjectBuilder()
                        .add("id", JSON.createObjectBuilder().add("type", "string").add("description", "the event's id, also in webhook-id"))
                        .add("type", JSON.createObjectBuilder().add("const", type.getName()))
                        .add("timestamp", JSON.createObjectBuilder().add("type", "string").add("format", "date-time"))
                        .add("data", JSON.createObjectBuilder().add("$ref", "#/components/schemas/" + key)));
        JsonObjectBuilder json = JSON.createObjectBuilder().add("schema", body);
        if (version.getExample() != null) {
            json.add("example", JSON.createObjectBuilder()
                    .add("id", "evt_example").add("type", type.getName()).add("timestamp", version.getCreatedAt().toString())
                    .add("data", read(version.getExample())));
        }
        JsonObjectBuilder operation = JSON.createObjectBuilder()
                .add("operationId", key)
                .add("summary", type.getDescription() == null ? type.getName() : type.getDescription())
                .add("description", "Event type " + type.getName() + ", version " + version.getVersion()
                        + (version.getVersion() == type.getLatestVersion() ? " (the latest)" : ""));
        if (type.getGroup() != null) {
            operation.add("tags", JSON.createArrayBuilder().add(type.getGroup()));
        }
        if (type.isDeprecated()) {
            operation.add("deprecated", true);
        }
        return operation
                .add("parameters", JSON.createArrayBuilder()
                        .add(header("webhook-id", "the event's id: the same on every attempt, so a receiver can drop duplicates", true))
                        .add(header("webhook-timestamp", "seconds since the epoch when the attempt was signed", true))
                        .add(header("webhook-signature", "v1,<base64 HMAC-SHA256>, space-separated when several secrets sign", true))
                        .add(header("traceparent", "W3C trace context of the event's trace (not signed)", false)))
                .add("requestBody", JSON.createObjectBuilder().add("required", true)
                        .add("content", JSON.createObjectBuilder().add("application/json", json)))
                .add("responses", JSON.createObjectBuilder()
                        .add("2XX", JSON.createObjectBuilder().add("description", "Received; any other answer is retried")));
    }

    private static JsonObjectBuilder header(String name, String description, boolean required) {
        return JSON.createObjectBuilder().add("name", name).add("in", "header").add("required", required)
                .add("description", description)
                .add("schema", JSON.createObjectBuilder().add("type", "string"));
    }

    private static JsonValue withId(JsonValue schema, String type, int version) {
        if (schema instanceof JsonObject object && !object.containsKey("$id")) {
            return JSON.createObjectBuilder(object).add("$id", SCHEMA_ID_BASE + type + ":" + version).build();
        }
        return schema;
    }

    private static JsonValue read(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
