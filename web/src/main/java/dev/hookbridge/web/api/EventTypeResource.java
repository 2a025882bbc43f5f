package dev.hookbridge.web.api;

import dev.hookbridge.catalog.EventTypeDefinition;
import dev.hookbridge.catalog.EventTypeService;
import dev.hookbridge.catalog.EventTypeView;
import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.Page;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.web.portal.PortalCall;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
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

/** {@code /api/event-types}: the event-type catalog, with each type's versioned JSON Schemas (docs/event-types.md). */
@Path("event-types")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class EventTypeResource {

    @EJB
    EventTypeService eventTypes;

    @GET
    @PortalCall
    public Page<EventTypeView> list(@QueryParam("after") String after, @QueryParam("group") String group,
                                    @QueryParam("limit") @PageLimit String limit) {
        PageRequest page = QueryValues.page(after, limit);
        return eventTypes.list(page.after(), group, page.limit());
    }

    @GET
    @PortalCall
    @Path("{name}")
    public EventTypeView get(@PathParam("name") String name) {
        return eventTypes.get(name);
    }

    /** Creates the type or updates it; new versions are added, published ones must come unchanged. */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") @Pattern(regexp = EventTypeDefinition.NAME_PATTERN, message = EventTypeDefinition.NAME_RULE) String name,
                        @NotNull(message = "must be a JSON object with schemas") String body, @Context UriInfo uri) {
        if (body.isBlank()) {
            throw new InvalidInputException("body", "must be a JSON object with schemas");
        }
        boolean created = eventTypes.put(name, EventTypeDefinition.parse(body));
        EventTypeView view = eventTypes.get(name);
        return created ? Response.created(uri.getAbsolutePath()).entity(view).build() : Response.ok(view).build();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        eventTypes.delete(name);
        return Response.noContent().build();
    }
}
