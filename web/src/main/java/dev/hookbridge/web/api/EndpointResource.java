package dev.hookbridge.web.api;

import dev.hookbridge.common.Page;
import dev.hookbridge.common.ListOrder;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.endpoint.EndpointDefinition;
import dev.hookbridge.endpoint.EndpointService;
import dev.hookbridge.endpoint.EndpointView;
import dev.hookbridge.outbox.DeliveryService;
import dev.hookbridge.web.portal.PortalCall;
import dev.hookbridge.web.portal.PortalScope;
import dev.hookbridge.outbox.EventPublisher;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
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

import java.util.LinkedHashMap;
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

    @EJB
    EventPublisher publisher;

    @Inject
    PortalScope scope;

    @POST
    @PortalCall
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull(message = DEFINITION_REQUIRED) @Valid EndpointDefinition definition, @Context UriInfo uri) {
        EndpointView created = endpoints.create(definition.ownedBy(scope.customerFilter(definition.customer())));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created)
                .cacheControl(NotStored.CACHE_CONTROL).build();
    }

    @GET
    @PortalCall
    public Page<EndpointView> list(@QueryParam("after") String after, @QueryParam("customer") String customer,
                                   @QueryParam("limit") @PageLimit String limit) {
        PageRequest page = QueryValues.page(after, limit);
        String shown = scope.customerFilter(customer);
        if (scope.isPortalSession() && page.after() != null && !page.after().isEmpty()) {
            // A portal session pages only through its own endpoints: a cursor is an endpoint id.
            checkOwned(page.after());
        }
        return endpoints.list(page.after(), shown, page.limit());
    }

    @GET
    @PortalCall
    @Path("{id}")
    public EndpointView get(@PathParam("id") String id) {
        EndpointView endpoint = endpoints.get(id);
        scope.checkOwned(endpoint.customer(), notFound(id));
        return endpoint;
    }

    @PUT
    @PortalCall
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public EndpointView update(@PathParam("id") String id,
                               @NotNull(message = DEFINITION_REQUIRED) @Valid EndpointDefinition definition) {
        checkOwned(id);
        return endpoints.update(id, definition.ownedBy(scope.customerFilter(definition.customer())));
    }

    @DELETE
    @PortalCall
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        checkOwned(id);
        endpoints.delete(id);
        return Response.noContent().build();
    }

    @POST
    @PortalCall
    @Path("{id}/rotate-secret")
    public Response rotateSecret(@PathParam("id") String id) {
        checkOwned(id);
        return Response.ok(Map.of("secret", endpoints.rotateSecret(id)), MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(NotStored.CACHE_CONTROL).build();
    }

    /** Sends a test event (type hookbridge.test) to this endpoint alone; answers its event and delivery ids. */
    @POST
    @PortalCall
    @Path("{id}/test")
    public Response test(@PathParam("id") String id) {
        checkOwned(id);
        String eventId = publisher.publishTest(id);
        String deliveryId = deliveries.list(id, null, eventId, null, null, QueryValues.page(null, null), ListOrder.NEWEST_FIRST)
                .items().get(0).id();
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("eventId", eventId);
        sent.put("deliveryId", deliveryId);
        return Response.accepted(sent).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @PortalCall
    @Path("{id}/recover")
    public Response recover(@PathParam("id") String id,
                            @QueryParam("since") @NotNull(message = SINCE_REQUIRED) @IsoInstant String since) {
        checkOwned(id);
        int requeued = deliveries.recover(id, QueryValues.time(since));
        return Response.accepted(Map.of("endpointId", id, "requeued", requeued)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * For a portal session, refuses (404) an endpoint that is not its customer's, reading the endpoint
     * alone; an operator's call needs no check, and the service answers 404 for a missing endpoint.
     */
    private void checkOwned(String id) {
        if (scope.isPortalSession()) {
            scope.checkOwned(endpoints.find(id).getCustomerId(), notFound(id));
        }
    }

    private static String notFound(String id) {
        return "no endpoint with id '" + id + "'";
    }
}
