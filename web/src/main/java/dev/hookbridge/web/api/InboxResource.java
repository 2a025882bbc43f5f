package dev.hookbridge.web.api;

import dev.hookbridge.common.ListOrder;
import dev.hookbridge.common.Page;
import dev.hookbridge.inbox.InboxEventView;
import dev.hookbridge.inbox.InboxFilter;
import dev.hookbridge.inbox.InboxService;
import dev.hookbridge.inbox.InboxStatus;
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

/** {@code /api/inbox}: what came in, with raw body and headers, and replay. */
@Path("inbox")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

    @EJB
    InboxService inbox;

    @GET
    public Page<InboxEventView> list(@QueryParam("source") String source,
                                     @QueryParam("status") @Pattern(regexp = InboxStatus.PATTERN, message = InboxStatus.RULE) String status,
                                     @QueryParam("type") String type, @QueryParam("since") @IsoInstant String since,
                                     @QueryParam("until") @IsoInstant String until,
                                     @QueryParam("after") String after, @QueryParam("limit") @PageLimit String limit,
                                     @QueryParam("order") @Pattern(regexp = ListOrder.PATTERN, message = ListOrder.RULE) String order) {
        InboxFilter filter = new InboxFilter(source, status, type, QueryValues.time(since), QueryValues.time(until));
        return inbox.list(filter, QueryValues.page(after, limit), ListOrder.parse(order));
    }

    @GET
    @Path("{id}")
    public InboxEventView get(@PathParam("id") String id) {
        return inbox.get(id);
    }

    @POST
    @Path("{id}/replay")
    public Response replay(@PathParam("id") String id) {
        inbox.replay(id);
        return Response.accepted(Map.of("inboxId", id)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
