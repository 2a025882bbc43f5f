package dev.hookbridge.web.api;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.Page;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.source.SourceDefinition;
import dev.hookbridge.source.SourceService;
import dev.hookbridge.source.SourceView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
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

/** {@code /api/sources}: inbound source configurations; secrets go in, only masked hints come out. */
@Path("sources")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    @EJB
    SourceService sources;

    @GET
    public Page<SourceView> list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        PageRequest page = Limits.page(after, limit);
        return sources.list(page.after(), page.limit());
    }

    @GET
    @Path("{name}")
    public SourceView get(@PathParam("name") String name) {
        return sources.get(name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, SourceDefinition definition, @Context UriInfo uri) {
        if (definition == null) {
            throw new InvalidInputException("body", "a JSON source definition is required");
        }
        boolean created = sources.put(name, definition);
        SourceView view = sources.get(name);
        return created ? Response.created(uri.getAbsolutePath()).entity(view).build() : Response.ok(view).build();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        sources.delete(name);
        return Response.noContent().build();
    }
}
