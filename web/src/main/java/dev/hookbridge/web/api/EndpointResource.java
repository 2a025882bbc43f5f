package dev.hookbridge.web.api;

import dev.hookbridge.common.Page;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.endpoint.EndpointDefinition;
import dev.hookbridge.endpoint.EndpointService;
import dev.hookbridge.endpoint.EndpointView;
import dev.hookbridge.outbox.DeliveryService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import java.util.Map;

/** {@code /api/endpoints}: receivers of outbound webhooks; the secret is shown when created or rotated, never after. */
@Path("endpoints")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class EndpointResource {

    private static final String DEFINITION_REQUIRED = "must be a JSON endpoint definition";
    private static final String SINCE_REQUIRED = "is required: an ISO-8601 UTC time such as 2026-01-31T12:00:00Z";

    @EJB
    EndpointService endpoints;

    @EJB
    DeliveryService deliveries;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull(message = DEFINITION_REQUIRED) @Valid EndpointDefinition definition, @Context UriInfo uri) {
        EndpointView created = endpoints.create(definition);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @GET
    public Page<EndpointView> list(@QueryParam("after") String after, @QueryParam("customer") String customer,
                                   @QueryParam("limit") @PageLimit String limit) {
        PageRequest page = QueryValues.page(after, limit);
        return endpoints.list(page.after(), customer == null || customer.isBlank() ? null : customer, page.limit());
    }

    @GET
    @Path("{id}")
    public EndpointView get(@PathParam("id") String id) {
        return endpoints.get(id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public EndpointView update(@PathParam("id") String id,
                               @NotNull(message = DEFINITION_REQUIRED) @Valid EndpointDefinition definition) {
        return endpoints.update(id, definition);
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
    public Response recover(@PathParam("id") String id,
                            @QueryParam("since") @NotNull(message = SINCE_REQUIRED) @IsoInstant String since) {
        int requeued = deliveries.recover(id, QueryValues.time(since));
        return Response.accepted(Map.of("endpointId", id, "requeued", requeued)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
