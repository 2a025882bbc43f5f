package dev.hookbridge.messaging;

import dev.hookbridge.json.JsonProcessing;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.util.List;

/**
 * The body of a message on {@code webhooks.inbound} that carries a group of events stored together
 * (no ordering group among them): a JSON array of {@code {"inboxId", "source", "eventId",
 * "eventType", "traceparent"}}, in inbox id order (each event has a trace of its own; without one, no
 * {@code traceparent}). Such a message is processed in one transaction; when that fails,
 * it is split into one message per event, so only single events are ever redelivered or
 * dead-lettered.
 */
public final class InboundGroupMessage {

    private InboundGroupMessage() {
    }

    public static String body(List<QueuedEvent> events) {
        JsonArrayBuilder array = JsonProcessing.PROVIDER.createArrayBuilder();
        for (QueuedEvent event : events) {
            if (event.orderingGroup() != null) {
                throw new IllegalArgumentException("inbox event " + event.inboxId() + " has an ordering group: it is queued alone");
            }
            JsonObjectBuilder object = JsonProcessing.PROVIDER.createObjectBuilder()
                    .add("inboxId", event.inboxId())
                    .add("source", event.source())
                    .add("eventId", event.eventId());
            // A scheme may find no type: the property is then absent, as on a single event's message.
            object = event.eventType() == null ? object.addNull("eventType") : object.add("eventType", event.eventType());
            array.add(event.traceparent() == null ? object : object.add("traceparent", event.traceparent()));
        }
        return array.build().toString();
    }

    /** The events of a group message's body; throws IllegalArgumentException for anything else. */
    public static List<QueuedEvent> events(String body) {
        if (body == null) {
            throw new IllegalArgumentException("a group message without a body");
        }
        try (JsonReader reader = JsonProcessing.PROVIDER.createReader(new StringReader(body))) {
            JsonArray array = reader.readArray();
            return array.getValuesAs(JsonObject.class).stream()
                    .map(o -> new QueuedEvent(o.getJsonNumber("inboxId").longValueExact(), o.getString("source"),
                            o.getString("eventId"), o.isNull("eventType") ? null : o.getString("eventType"), null,
                            o.getString("traceparent", null)))
                    .toList();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the body of a group message is not its JSON array of events: " + e.getMessage(), e);
        }
    }
}
