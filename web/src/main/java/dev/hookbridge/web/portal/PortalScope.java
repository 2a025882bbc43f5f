package dev.hookbridge.web.portal;

import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.portal.PortalCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;

import java.time.Instant;
import java.util.Optional;

/**
 * Whose data a call may see: everything for the shop's operators, one customer's for a portal
 * session. Another customer's resource answers as if it did not exist (404), so a session cannot
 * even tell which ids are taken; a filter naming another customer is refused (403).
 */
@RequestScoped
public class PortalScope {

    /** The request attribute holding the {@link PortalCaller} of a request with a valid portal token. */
    public static final String CALLER_ATTRIBUTE = PortalScope.class.getName() + ".caller";

    @Inject
    HttpServletRequest request;

    public Optional<PortalCaller> caller() {
        return Optional.ofNullable((PortalCaller) request.getAttribute(CALLER_ATTRIBUTE));
    }

    /**
     * The customer filter a list runs with: the one asked for (blank: none) for operators; the
     * session's own customer for a portal session, which may not ask for another.
     */
    public String customerFilter(String requested) {
        String asked = requested == null || requested.isBlank() ? null : requested;
        Optional<PortalCaller> caller = caller();
        if (caller.isEmpty()) {
            return asked;
        }
        if (asked != null && !asked.equals(caller.get().customer())) {
            throw new ForbiddenException("a portal session sees only its own customer's data: leave out 'customer' or name '"
                    + caller.get().customer() + "'");
        }
        return caller.get().customer();
    }

    /**
     * Refuses a portal session a resource of another customer (or of none) as "not found", in the
     * words the resource's own 404 uses.
     */
    public void checkOwned(String ownerOfResource, String notFoundMessage) {
        Optional<PortalCaller> caller = caller();
        if (caller.isPresent() && !caller.get().customer().equals(ownerOfResource)) {
            throw new NotFoundException(notFoundMessage);
        }
    }

    /**
     * The same for an event or a delivery, which outlive their customer: one created before the
     * session's customer was (for an earlier customer of the same id) is not its own either.
     */
    public void checkOwned(String ownerOfResource, Instant createdAt, String notFoundMessage) {
        checkOwned(ownerOfResource, notFoundMessage);
        Instant since = createdSince();
        if (since != null && createdAt.isBefore(since)) {
            throw new NotFoundException(notFoundMessage);
        }
    }

    /** The earliest events and deliveries a list shows: for a portal session, those since its customer was created; else all (null). */
    public Instant createdSince() {
        return caller().map(PortalCaller::customerSince).orElse(null);
    }

    public boolean isPortalSession() {
        return caller().isPresent();
    }
}
