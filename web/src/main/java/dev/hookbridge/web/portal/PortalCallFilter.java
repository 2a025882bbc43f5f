package dev.hookbridge.web.portal;

import dev.hookbridge.web.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a portal session every call not marked {@link PortalCall} (403). It runs after matching, so
 * it judges the Java method that would run, not a path that could be spelt in more than one way.
 */
@Provider
public class PortalCallFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    PortalScope scope;

    @Override
    public void filter(ContainerRequestContext request) {
        // No resource method: an answer JAX-RS makes itself (OPTIONS), which a portal session does not need either.
        boolean portalCall = resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(PortalCall.class);
        if (scope.caller().isPresent() && !portalCall) {
            request.abortWith(Problem.of(403, "Not for a portal session", "a customer portal session may manage its own endpoints, "
                    + "see its deliveries and events and read the event-type catalog; this call is the shop's").toResponse().build());
        }
    }
}
