package dev.hookbridge.web.api;

import dev.hookbridge.common.ListOrder;
import dev.hookbridge.common.Page;
import dev.hookbridge.outbox.DeliveryService;
import dev.hookbridge.outbox.DeliveryView;
import jakarta.ejb.EJB;
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

    @GET
    public Page<DeliveryView> list(@QueryParam("endpoint") String endpoint, @QueryParam("status") String status,
                                   @QueryParam("event") String event, @QueryParam("customer") String customer,
                                   @QueryParam("after") String after,
                                   @QueryParam("limit") @PageLimit String limit,
                                   @QueryParam("order") @Pattern(regexp = ListOrder.PATTERN, message = ListOrder.RULE) String order) {
        return deliveries.list(endpoint, status, event, customer, QueryValues.page(after, limit), ListOrder.parse(order));
    }

    @GET
    @Path("{id}")
    public DeliveryView get(@PathParam("id") String id) {
        return deliveries.get(id);
    }

    @POST
    @Path("{id}/retry")
    public Response retry(@PathParam("id") String id) {
        deliveries.retry(id);
        return Response.accepted(Map.of("deliveryId", id)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
