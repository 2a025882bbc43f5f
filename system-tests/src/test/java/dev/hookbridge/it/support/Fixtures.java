package dev.hookbridge.it.support;

import dev.hookbridge.testsupport.Signer;
import dev.hookbridge.testsupport.Waits;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Creates sources and reads the inbox through the public API, as ops would; each test uses its own names. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void createSource(String name, String scheme, List<String> secrets, Map<String, String> options,
                                    String orderingKey) {
        JsonArrayBuilder secretArray = Json.createArrayBuilder();
        secrets.forEach(secretArray::add);
        JsonObjectBuilder optionObject = Json.createObjectBuilder();
        options.forEach(optionObject::add);
        JsonObjectBuilder source = Json.createObjectBuilder().add("scheme", scheme).add("secrets", secretArray)
                .add("options", optionObject);
        if (orderingKey != null) {
            source.add("orderingKey", orderingKey);
        }
        Reply reply = Http.admin().putJson("/api/sources/" + name, source.build().toString());
        if (reply.status() != 201) {
            throw new AssertionError("creating source " + name + " answered " + reply);
        }
    }

    /** A standard-webhooks source with a fresh secret; answers the secret. */
    public static String createStandardSource(String name) {
        String secret = Signer.newStandardSecret();
        createSource(name, "standard", List.of(secret), Map.of(), null);
        return secret;
    }

    /** Sends a correctly signed standard webhook. */
    public static Reply sendStandard(String source, String secret, String id, String body) {
        long ts = Instant.now().getEpochSecond();
        return Http.anonymous()
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(ts))
                .header("webhook-signature", Signer.standard(secret, id, ts, body))
                .post("/webhooks/" + source, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Every inbox row of a source (follows the cursor). */
    public static List<JsonObject> inbox(String source) {
        List<JsonObject> rows = new java.util.ArrayList<>();
        String after = "";
        while (true) {
            Reply page = Http.admin().get("/api/inbox?order=oldest&limit=500&source=" + source + (after.isEmpty() ? "" : "&after=" + after));
            if (page.status() != 200) {
                throw new AssertionError("inbox list answered " + page);
            }
            page.items().forEach(v -> rows.add(v.asJsonObject()));
            if (page.json().isNull("next")) {
                return rows;
            }
            after = page.json().getString("next");
        }
    }

    public static Optional<JsonObject> inboxEvent(String source, String eventId) {
        return inbox(source).stream().filter(r -> r.getString("eventId").equals(eventId)).findFirst();
    }

    public static JsonObject inboxDetail(String inboxId) {
        Reply reply = Http.admin().get("/api/inbox/" + inboxId);
        if (reply.status() != 200) {
            throw new AssertionError("inbox event " + inboxId + " answered " + reply);
        }
        return reply.json();
    }

    /** Waits until the inbox row has the status (processing runs asynchronously). */
    public static JsonObject awaitStatus(String inboxId, String status) {
        return Waits.await("inbox event " + inboxId + " to be " + status).until(() -> inboxDetail(inboxId),
                row -> status.equals(row.getString("status")));
    }

    public static String standardBody(String type) {
        return Json.createObjectBuilder().add("type", type)
                .add("data", Json.createObjectBuilder().add("n", UUID.randomUUID().toString())).build().toString();
    }
}
