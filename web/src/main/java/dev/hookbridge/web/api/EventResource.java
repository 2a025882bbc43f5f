package dev.hookbridge.web.api;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.Page;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.outbox.EventPublisher;
import dev.hookbridge.outbox.EventQueries;
import dev.hookbridge.outbox.EventView;
import dev.hookbridge.outbox.PublishRequest;
import dev.hookbridge.web.portal.PortalCall;
import dev.hookbridge.web.portal.PortalScope;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/events}: publish an outbound event, and the ordered event feed pollers follow. */
@Path("events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    @EJB
    EventPublisher publisher;

    @EJB
    EventQueries events;

    @Inject
    PortalScope scope;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(@NotNull(message = "must be a JSON object with type, data and optionally id and version") JsonObject body,
                            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        String id = publisher.publish(new PublishRequest(text(body, "type"), data(body), text(body, "id"), idempotencyKey,
                version(body), otherVersions(body), text(body, "customer")));
        return Response.accepted(Map.of("id", id)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A portal session follows its own customer's events; its cursors are positions in the feed, as everyone's. */
    @GET
    @PortalCall
    public Page<EventView> list(@QueryParam("after") String after, @QueryParam("type") String type,
                                @QueryParam("customer") String customer, @QueryParam("limit") @PageLimit String limit) {
        PageRequest page = QueryValues.page(after, limit);
        return events.list(after, type, scope.customerFilter(customer), scope.createdSince(), page.limit());
    }

    @GET
    @PortalCall
    @Path("{id}")
    public EventView get(@PathParam("id") String id) {
        EventView event = events.get(id);
        scope.checkOwned(event.customer(), event.timestamp(), "no event with id '" + id + "'");
        return event;
    }

    private static String text(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new InvalidInputException(field, field + " must be a string");
        }
        return string.getString();
    }

    private static Integer version(JsonObject body) {
        JsonValue value = body.get("version");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 1 || number.longValue() > Integer.MAX_VALUE) {
            throw new InvalidInputException("version", "version must be a whole number from 1 (a version of the event type's catalogued schema)");
        }
        return number.intValue();
    }

    /** {"1": {…}, …}: the payload of each other version, by version number. */
    private static Map<Integer, String> otherVersions(JsonObject body) {
        JsonValue value = body.get("otherVersions");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (!(value instanceof JsonObject byVersion)) {
            throw new InvalidInputException("otherVersions", "otherVersions must be an object of payloads by version: {\"1\": {…}}");
        }
        Map<Integer, String> payloads = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : byVersion.entrySet()) {
            try {
                int version = Integer.parseInt(entry.getKey());
                if (version >= 1 && entry.getKey().equals(Integer.toString(version))) {
                    payloads.put(version, entry.getValue().toString());
                    continue;
                }
            } catch (NumberFormatException e) {
                // Refused below.
            }
            throw new InvalidInputException("otherVersions", "'" + entry.getKey() + "' is not a version: versions are whole numbers from 1");
        }
        return payloads;
    }

    private static String data(JsonObject body) {
        JsonValue value = body.get("data");
        return value == null ? null : value.toString();
    }
}
