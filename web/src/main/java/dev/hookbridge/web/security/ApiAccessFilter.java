package dev.hookbridge.web.security;

import dev.hookbridge.portal.PortalCaller;
import dev.hookbridge.portal.PortalSessions;
import dev.hookbridge.web.portal.PortalScope;
import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call {@code /api}: an operator logged in with HTTP Basic (hookbridge-viewer may read,
 * hookbridge-admin may do anything), or a customer portal session with its bearer token, which then
 * reaches only the calls marked {@code @PortalCall}, limited to its customer. Refusals go through the
 * error page, so they are problem details with the security headers like every other answer.
 */
@WebFilter(urlPatterns = "/api/*")
public class ApiAccessFilter extends HttpFilter {

    static final String ADMIN = "hookbridge-admin";
    static final String VIEWER = "hookbridge-viewer";
    /** The request attribute the error page reads to say why a call was refused. */
    static final String REFUSAL_ATTRIBUTE = ApiAccessFilter.class.getName() + ".refusal";
    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");
    private static final String BEARER = "Bearer ";

    @EJB
    PortalSessions sessions;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            Optional<PortalCaller> caller = sessions.caller(authorization.substring(BEARER.length()).trim());
            if (caller.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"Hookbridge portal\", error=\"invalid_token\"");
                refuse(request, response, 401, "the portal token is not valid: it expired, its customer was deleted, or it is "
                        + "not a token Hookbridge gave; open the portal again from the shop's site");
                return;
            }
            if ("OPTIONS".equals(request.getMethod())) {
                // JAX-RS answers OPTIONS itself, before any resource method is matched and judged.
                refuse(request, response, 403, "a customer portal session has no use for OPTIONS");
                return;
            }
            request.setAttribute(PortalScope.CALLER_ATTRIBUTE, caller.get());
            chain.doFilter(new PortalSessionRequest(request, caller.get()), response);
            return;
        }
        if (request.getUserPrincipal() == null) {
            // Credentials that were sent are checked by the container before this filter (proactive
            // authentication) and refused there when wrong: none were sent.
            response.setHeader("WWW-Authenticate", "Basic realm=\"Hookbridge\"");
            refuse(request, response, 401, "log in with HTTP Basic as a user with role hookbridge-admin or hookbridge-viewer, "
                    + "or present a customer portal token (Authorization: Bearer)");
            return;
        }
        boolean allowed = request.isUserInRole(ADMIN) || (READING.contains(request.getMethod()) && request.isUserInRole(VIEWER));
        if (!allowed) {
            refuse(request, response, 403, "your role may not do this: changes need hookbridge-admin, reading needs "
                    + "hookbridge-viewer or hookbridge-admin");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String detail) throws IOException {
        request.setAttribute(REFUSAL_ATTRIBUTE, detail);
        response.sendError(status);
    }

    /** The request as the application sees it from a portal session: its caller is the customer, in no operator role. */
    private static final class PortalSessionRequest extends HttpServletRequestWrapper {

        private final Principal principal;

        PortalSessionRequest(HttpServletRequest request, PortalCaller caller) {
            super(request);
            String name = "portal:" + caller.customer();
            this.principal = () -> name;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public String getAuthType() {
            return "BEARER";
        }
    }
}
