package dev.hookbridge.web.security;

import dev.hookbridge.web.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses state-changing API calls that a browser sends on behalf of another site (403): browsers
 * resend Basic credentials to us whatever page asks, so the Origin header is what tells a
 * cross-site request forgery from the dashboard or a script.
 */
@Provider
public class SameOriginFilter implements ContainerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        boolean crossSite = "cross-site".equalsIgnoreCase(fetchSite)
                || (origin != null && !sameOrigin(origin, request.getHeaderString("Host")));
        if (crossSite) {
            request.abortWith(Problem.of(403, "Cross-site request refused", "state-changing requests must come from this site; "
                    + refusedBecause(origin, fetchSite)).toResponse().build());
        }
    }

    /** Names what gave the request away: the browser's own verdict, or the Origin it sent. */
    private static String refusedBecause(String origin, String fetchSite) {
        if ("cross-site".equalsIgnoreCase(fetchSite)) {
            return "the browser marked this request Sec-Fetch-Site: cross-site"
                    + (origin == null ? "" : " (Origin " + origin + ")");
        }
        return "Origin " + origin + " is not this site";
    }

    /** Origin "scheme://host[:port]" names the same host and port as the Host header the browser sent. */
    static boolean sameOrigin(String origin, String host) {
        if (host == null || "null".equals(origin)) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String originAuthority = uri.getHost().toLowerCase(Locale.ROOT) + ":" + (uri.getPort() == -1 ? defaultPort : uri.getPort());
            String hostAuthority = host.toLowerCase(Locale.ROOT).contains(":") ? host.toLowerCase(Locale.ROOT)
                    : host.toLowerCase(Locale.ROOT) + ":" + defaultPort;
            return originAuthority.equals(hostAuthority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
