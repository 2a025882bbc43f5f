package dev.hookbridge.web.api;

import dev.hookbridge.catalog.CatalogOpenApi;
import dev.hookbridge.web.portal.PortalCall;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/catalog/openapi.json}: the event-type catalog as an OpenAPI 3.1 document with webhooks, for receivers. */
@Path("catalog")
@RequestScoped
public class CatalogResource {

    @EJB
    CatalogOpenApi openApi;

    @GET
    @PortalCall
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject openApi() {
        return openApi.document();
    }
}
