package dev.hookbridge.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Headers that keep browsers from misusing the dashboard and the API: no page of another site may
 * frame them (a framed dashboard could be clicked through: clickjacking), nothing but this site's
 * own scripts and styles run on them, and no answer is sniffed into another content type. The
 * customer portal is the one exception: the shop embeds it in its own site, so the sites allowed to
 * frame it are a setting ({@code hookbridge.portal.frame-ancestors}).
 * Set before the rest of the chain runs, and on error dispatches (401 and 403 refusals), so every
 * answer carries them; and on asynchronous dispatches, which carry a webhook whose body was read
 * without a worker thread ({@code BodyFirstFilter}), whichever of the two filters runs first.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR},
        asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'";
    static final String SETTING = "hookbridge.portal.frame-ancestors";
    /** Sources as CSP writes them ('self', 'none', https://shop.example, https://*.shop.example), space-separated. */
    private static final Pattern SOURCE_LIST = Pattern.compile("[A-Za-z0-9'*:/._\\-]+( [A-Za-z0-9'*:/._\\-]+)*");

    @Inject
    @ConfigProperty(name = SETTING)
    String portalFrameAncestors;

    private String portalPolicy;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        try {
            portalPolicy = portalPolicy(portalFrameAncestors);
        } catch (IllegalArgumentException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }

    /** The portal page's policy for the setting's value; a value that is no CSP source list is refused, naming the setting. */
    static String portalPolicy(String frameAncestors) {
        String ancestors = frameAncestors.trim();
        if (!SOURCE_LIST.matcher(ancestors).matches()) {
            throw new IllegalArgumentException(SETTING + " must be a space-separated CSP source list such as 'self' "
                    + "https://shop.example.com, not '" + frameAncestors + "'");
        }
        return "default-src 'self'; frame-ancestors " + ancestors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The servlet path is the request's path after the container resolved it ("/portal/..;/dashboard/"
        // is the dashboard), unlike the request URI as sent.
        if (request.getServletPath().startsWith("/portal/")) {
            response.setHeader("Content-Security-Policy", portalPolicy);
        } else {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("X-Frame-Options", "DENY");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
