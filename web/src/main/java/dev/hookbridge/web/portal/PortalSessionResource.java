package dev.hookbridge.web.portal;

import dev.hookbridge.portal.PortalCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/portal/session}: whom the presented portal token opens, and until when (the portal page's header). */
@Path("portal/session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PortalSessionResource {

    @Inject
    PortalScope scope;

    @GET
    @PortalCall
    public Map<String, Object> get() {
        PortalCaller caller = scope.caller()
                .orElseThrow(() -> new ForbiddenException("this call answers a customer portal session (Authorization: Bearer), not an operator"));
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("customer", caller.customer());
        session.put("customerName", caller.customerName());
        session.put("expiresAt", caller.expiresAt());
        return session;
    }
}
