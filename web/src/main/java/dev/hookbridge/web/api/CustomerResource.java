package dev.hookbridge.web.api;

import dev.hookbridge.common.Page;
import dev.hookbridge.common.PageRequest;
import dev.hookbridge.customer.CustomerDefinition;
import dev.hookbridge.customer.CustomerService;
import dev.hookbridge.customer.CustomerView;
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

/** {@code /api/customers}: the shop's customers, owners of endpoints and addressees of events (docs/customers.md). */
@Path("customers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    @EJB
    CustomerService customers;

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

    /** Deletes the customer and its endpoints; their pending deliveries are marked DEAD with the reason. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        customers.delete(id);
        return Response.noContent().build();
    }
}
