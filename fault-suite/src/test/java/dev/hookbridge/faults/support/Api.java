package dev.hookbridge.faults.support;

import dev.hookbridge.testsupport.Signer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.util.Map;
import java.util.UUID;

/** The admin API calls the suite needs to set up its sources and endpoints. */
public final class Api {

    private Api() {
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A standard-webhooks source with a fresh secret and the given options; answers the secret. */
    public static String createStandardSource(String name, Map<String, String> options) {
        String secret = Signer.newStandardSecret();
        var optionObject = Json.createObjectBuilder();
        options.forEach(optionObject::add);
        String json = Json.createObjectBuilder().add("scheme", "standard")
                .add("secrets", Json.createArrayBuilder().add(secret))
                .add("options", optionObject).build().toString();
        Web.Answer answer = Web.put(FaultStack.baseUrl(), "/api/sources/" + name, Map.of("Authorization", Web.ADMIN), json);
        if (answer.status() != 201) {
            throw new AssertionError("creating source " + name + " answered " + answer);
        }
        return secret;
    }

    /** An endpoint for one event type at a loopback URL; answers its id. */
    public static String createEndpoint(String url, String eventType) {
        return createEndpoint(url, eventType, null);
    }

    /** The same, at most {@code ratePerSecond} attempts a second (null: no limit). */
    public static String createEndpoint(String url, String eventType, Integer ratePerSecond) {
        var endpoint = Json.createObjectBuilder().add("url", url).add("eventTypes", Json.createArrayBuilder().add(eventType));
        if (ratePerSecond != null) {
            endpoint.add("rateLimitPerSecond", ratePerSecond);
        }
        String json = endpoint.build().toString();
        Web.Answer answer = Web.post(FaultStack.baseUrl(), "/api/endpoints",
                Map.of("Authorization", Web.ADMIN, "Content-Type", "application/json"),
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (answer.status() != 201) {
            throw new AssertionError("creating endpoint " + url + " answered " + answer);
        }
        return answer.json().getString("id");
    }

    /** Publishes an outbound event through the API; answers its id. */
    public static String publish(String type, String id) {
        JsonObject event = Json.createObjectBuilder().add("type", type).add("id", id)
                .add("data", Json.createObjectBuilder().add("n", id)).build();
        Web.Answer answer = Web.post(FaultStack.baseUrl(), "/api/events",
                Map.of("Authorization", Web.ADMIN, "Content-Type", "application/json"),
                event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (answer.status() != 202) {
            throw new AssertionError("publishing " + id + " answered " + answer);
        }
        return answer.json().getString("id");
    }
}
