package dev.hookbridge.web.api;

import dev.hookbridge.common.ListOrder;
import dev.hookbridge.common.Page;
import dev.hookbridge.outbox.DeliveryService;
import dev.hookbridge.outbox.DeliveryView;
import dev.hookbridge.web.portal.PortalCall;
import dev.hookbridge.web.portal.PortalScope;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** {@code /api/deliveries}: the delivery log with every attempt, and manual retry. */
@Path("deliveries")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @EJB
    DeliveryService deliveries;

    @Inject
    PortalScope scope;

    @GET
    @PortalCall
    public Page<DeliveryView> list(@QueryParam("endpoint") String endpoint, @QueryParam("status") String status,
                                   @QueryParam("event") String event, @QueryParam("customer") String customer,
                                   @QueryParam("after") String after,
                                   @QueryParam("limit") @PageLimit String limit,
                                   @QueryParam("order") @Pattern(regexp = ListOrder.PATTERN, message = ListOrder.RULE) String order) {
        String shown = scope.customerFilter(customer);
        if (scope.isPortalSession() && after != null && !after.isBlank()) {
            // A portal session pages only through its own deliveries: a cursor is a delivery id.
            get(after);
        }
        return deliveries.list(endpoint, status, event, shown, scope.createdSince(), QueryValues.page(after, limit),
                ListOrder.parse(order));
    }

    @GET
    @PortalCall
    @Path("{id}")
    public DeliveryView get(@PathParam("id") String id) {
        DeliveryView delivery = deliveries.get(id);
        scope.checkOwned(delivery.customer(), delivery.createdAt(), "no delivery with id '" + id + "'");
        return delivery;
    }

    @POST
    @PortalCall
    @Path("{id}/retry")
    public Response retry(@PathParam("id") String id) {
        if (scope.isPortalSession()) {
            get(id);
        }
        deliveries.retry(id);
        return Response.accepted(Map.of("deliveryId", id)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
