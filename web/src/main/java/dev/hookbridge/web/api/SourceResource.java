package dev.hookbridge.web.api;

import dev.hookbridge.common.Page;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.source.SourceDefinition;
import dev.hookbridge.source.SourceService;
import dev.hookbridge.source.SourceView;
import jakarta.ejb.EJB;
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

/** {@code /api/sources}: inbound source configurations; secrets go in, only masked hints come out. */
@Path("sources")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    @EJB
    SourceService sources;

    @GET
    public Page<SourceView> list(@QueryParam("after") String after, @QueryParam("limit") @PageLimit String limit) {
        PageRequest page = QueryValues.page(after, limit);
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
    public Response put(@PathParam("name") @Pattern(regexp = SourceDefinition.NAME_PATTERN, message = SourceDefinition.NAME_RULE) String name,
                        @NotNull(message = "must be a JSON source definition") @Valid SourceDefinition definition,
                        @Context UriInfo uri) {
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
