package dev.hookbridge.web.api;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.Page;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.endpoint.EndpointDefinition;
import dev.hookbridge.endpoint.EndpointService;
import dev.hookbridge.endpoint.EndpointView;
import dev.hookbridge.outbox.DeliveryService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** {@code /api/endpoints}: receivers of outbound webhooks; the secret is shown when created or rotated, never after. */
@Path("endpoints")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class EndpointResource {

    @EJB
    EndpointService endpoints;

    @EJB
    DeliveryService deliveries;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(EndpointDefinition definition, @Context UriInfo uri) {
        EndpointView created = endpoints.create(required(definition));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @GET
    public Page<EndpointView> list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        PageRequest page = Limits.page(after, limit);
        return endpoints.list(page.after(), page.limit());
    }

    @GET
    @Path("{id}")
    public EndpointView get(@PathParam("id") String id) {
        return endpoints.get(id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public EndpointView update(@PathParam("id") String id, EndpointDefinition definition) {
        return endpoints.update(id, required(definition));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        endpoints.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    public Map<String, String> rotateSecret(@PathParam("id") String id) {
        return Map.of("secret", endpoints.rotateSecret(id));
    }

    @POST
    @Path("{id}/recover")
    public Response recover(@PathParam("id") String id, @QueryParam("since") String since) {
        Instant from;
        try {
            from = Instant.parse(since == null ? "" : since);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("since", "since must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
        }
        int requeued = deliveries.recover(id, from);
        return Response.accepted(Map.of("endpointId", id, "requeued", requeued)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static EndpointDefinition required(EndpointDefinition definition) {
        if (definition == null) {
            throw new InvalidInputException("body", "a JSON endpoint definition is required");
        }
        return definition;
    }
}
