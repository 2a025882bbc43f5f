package dev.hookbridge.benchmark.server;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;

/**
 * Baseline 1: what WildFly costs for a POST with the webhook's body and headers when the endpoint
 * does nothing but read the body and answer a small JSON object, as the webhook endpoint does.
 */
@Path("empty")
public class EmptyResource {

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public String receive(InputStream body) throws IOException {
        body.readAllBytes();
        return "{\"ok\":true}";
    }
}
