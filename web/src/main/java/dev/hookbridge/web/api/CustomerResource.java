package dev.hookbridge.web.api;

import dev.hookbridge.common.Page;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.customer.CustomerDefinition;
import dev.hookbridge.customer.CustomerService;
import dev.hookbridge.customer.CustomerView;
import dev.hookbridge.portal.PortalSession;
import dev.hookbridge.portal.PortalSessions;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.json.JsonProcessing;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /api/customers}: the shop's customers, owners of endpoints and addressees of events (docs/customers.md). */
@Path("customers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    @EJB
    CustomerService customers;

    @EJB
    PortalSessions portalSessions;

    @Inject
    @ConfigProperty(name = "hookbridge.portal.url")
    Optional<String> portalUrl;

    @GET
    public Page<CustomerView> list(@QueryParam("after") String after, @QueryParam("limit") @PageLimit String limit) {
        PageRequest page = QueryValues.page(after, limit);
        return customers.list(page.after(), page.limit());
    }

    @GET
    @Path("{id}")
    public CustomerView get(@PathParam("id") String id) {
        return customers.get(id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("id") @Pattern(regexp = CustomerDefinition.ID_PATTERN, message = CustomerDefinition.ID_RULE) String id,
                        @NotNull(message = "must be a JSON customer definition: {\"name\", \"metadata\"}") @Valid CustomerDefinition definition,
                        @Context UriInfo uri) {
        boolean created = customers.put(id, definition);
        CustomerView view = customers.get(id);
        return created ? Response.created(uri.getAbsolutePath()).entity(view).build() : Response.ok(view).build();
    }

    /**
     * Opens a customer portal session: a bearer token for this customer's own data, shown this once,
     * and the portal link that carries it (in the fragment, which browsers never send to a server).
     */
    @POST
    @Path("{id}/portal-sessions")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response openPortalSession(@PathParam("id") String id, String body, @Context UriInfo uri) {
        PortalSession session = portalSessions.open(id, lifetime(body));
        String page = portalUrl.filter(url -> !url.isBlank()).orElseGet(() -> uri.getBaseUri().resolve("../portal/").toString());
        Map<String, Object> opened = new LinkedHashMap<>();
        opened.put("token", session.token());
        opened.put("url", page + "#token=" + session.token());
        opened.put("customer", session.customer());
        opened.put("expiresAt", session.expiresAt());
        return Response.status(Response.Status.CREATED).entity(opened).cacheControl(NotStored.CACHE_CONTROL).build();
    }

    /** The body's {"lifetime": "PT30M"}, if any; no body or no lifetime: the configured default. */
    private static Duration lifetime(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonValue parsed;
        try (JsonReader reader = JsonProcessing.PROVIDER.createReader(new StringReader(body))) {
            parsed = reader.readValue();
        } catch (JsonException e) {
            throw new InvalidInputException("body", "the body must be empty or a JSON object such as {\"lifetime\": \"PT30M\"}");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw new InvalidInputException("body", "the body must be empty or a JSON object such as {\"lifetime\": \"PT30M\"}");
        }
        JsonValue value = object.get("lifetime");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            try {
                return Duration.parse(text.getString());
            } catch (DateTimeParseException e) {
                // Refused below.
            }
        }
        throw new InvalidInputException("lifetime", "lifetime must be an ISO-8601 duration such as PT30M");
    }

    /** Deletes the customer and its endpoints; their pending deliveries are marked DEAD with the reason. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        customers.delete(id);
        return Response.noContent().build();
    }
}
