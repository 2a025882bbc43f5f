package dev.hookbridge.it.support;

import dev.hookbridge.testsupport.Waits;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Outbound endpoints, events and deliveries through the public API (docs/outbound.md, docs/api.md),
 * as a user of Hookbridge would drive them. Tests use event types of their own
 * ({@link #uniqueType}) so that no other test's endpoint matches their events.
 */
public final class Outbound {

    /** Long enough for 4 attempts on the test schedule (1 s, 1 s, 2 s, ±20 %) on a slow machine. */
    public static final Duration DELIVERY_LIMIT = Duration.ofSeconds(90);

    private Outbound() {
    }

    /** An event type no other test uses: "{@code t<random>.<suffix>}". */
    public static String uniqueType(String suffix) {
        return typePrefix() + "." + suffix;
    }

    /** A fresh type namespace for tests that need several related types ("{@code ns.order.*}"). */
    public static String typePrefix() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static JsonObjectBuilder endpoint(String url, String... eventTypes) {
        JsonArrayBuilder types = Json.createArrayBuilder();
        for (String type : eventTypes) {
            types.add(type);
        }
        return Json.createObjectBuilder().add("url", url).add("eventTypes", types);
    }

    public static JsonArrayBuilder array(String... values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    /** Creates an endpoint; answers the 201 body (which holds the secret, shown only there). */
    public static JsonObject createEndpoint(JsonObjectBuilder definition) {
        JsonObject body = definition.build();
        Reply reply = Http.admin().postJson("/api/endpoints", body.toString());
        if (reply.status() != 201) {
            throw new AssertionError("creating endpoint " + body + " answered " + reply);
        }
        return reply.json();
    }

    public static JsonObject createEndpoint(String url, String... eventTypes) {
        return createEndpoint(endpoint(url, eventTypes));
    }

    public static JsonObject getEndpoint(String id) {
        Reply reply = Http.admin().get("/api/endpoints/" + id);
        if (reply.status() != 200) {
            throw new AssertionError("endpoint " + id + " answered " + reply);
        }
        return reply.json();
    }

    /** Publishes {@code {type, data}} with POST /api/events; answers the event id from the 202. */
    public static String publish(String type, JsonObject data) {
        String body = Json.createObjectBuilder().add("type", type).add("data", data).build().toString();
        Reply reply = Http.admin().postJson("/api/events", body);
        if (reply.status() != 202) {
            throw new AssertionError("publishing " + body + " answered " + reply);
        }
        return reply.json().getString("id");
    }

    /** Publishes with a given event id (so a test can script its receiver for that event beforehand). */
    public static String publish(String id, String type, JsonObject data) {
        String body = Json.createObjectBuilder().add("id", id).add("type", type).add("data", data).build().toString();
        Reply reply = Http.admin().postJson("/api/events", body);
        if (reply.status() != 202 || !id.equals(reply.json().getString("id", null))) {
            throw new AssertionError("publishing " + body + " answered " + reply);
        }
        return id;
    }

    public static String publish(String type) {
        return publish(type, data());
    }

    /** Some event data with a unique marker in it. */
    public static JsonObject data() {
        return Json.createObjectBuilder().add("marker", UUID.randomUUID().toString()).add("amount", 42).build();
    }

    /** Every delivery matching the query (e.g. "event=…&endpoint=…"), following the cursor. */
    public static List<JsonObject> deliveries(String query) {
        List<JsonObject> all = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 1000; pages++) {
            Reply page = Http.admin().get("/api/deliveries?order=oldest&limit=500&" + query + (after == null ? "" : "&after=" + encode(after)));
            if (page.status() != 200) {
                throw new AssertionError("delivery list " + query + " answered " + page);
            }
            page.items().forEach(v -> all.add(v.asJsonObject()));
            if (page.json().isNull("next") || page.items().isEmpty()) {
                return all;
            }
            after = page.json().getString("next");
        }
        throw new AssertionError("delivery list " + query + " did not end");
    }

    /** The id of the one delivery of an event to an endpoint; waits (bounded) until it exists. */
    public static String deliveryId(String eventId, String endpointId) {
        List<JsonObject> found = Waits.await("a delivery of event " + eventId + " to endpoint " + endpointId)
                .until(() -> deliveries("event=" + encode(eventId) + "&endpoint=" + encode(endpointId)), l -> !l.isEmpty());
        if (found.size() != 1) {
            throw new AssertionError("expected one delivery of event " + eventId + " to endpoint " + endpointId + ": " + found);
        }
        return found.get(0).getString("id");
    }

    public static JsonObject delivery(String deliveryId) {
        Reply reply = Http.admin().get("/api/deliveries/" + deliveryId);
        if (reply.status() != 200) {
            throw new AssertionError("delivery " + deliveryId + " answered " + reply);
        }
        return reply.json();
    }

    /** Waits (bounded) until the delivery has the status; answers it with its attempts. */
    public static JsonObject awaitDelivery(String deliveryId, String status) {
        return Waits.await("delivery " + deliveryId + " to be " + status).atMost(DELIVERY_LIMIT).until(() -> delivery(deliveryId),
                d -> status.equals(d.getString("status", null)));
    }

    /** The status codes of a delivery's attempts, in order (null where an attempt got no answer). */
    public static List<Integer> statusCodes(JsonObject delivery) {
        List<Integer> codes = new ArrayList<>();
        for (JsonValue attempt : delivery.getJsonArray("attempts")) {
            JsonValue code = attempt.asJsonObject().get("statusCode");
            codes.add(code == null || code.getValueType() == JsonValue.ValueType.NULL ? null
                    : attempt.asJsonObject().getInt("statusCode"));
        }
        return codes;
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
