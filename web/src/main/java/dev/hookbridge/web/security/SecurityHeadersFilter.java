package dev.hookbridge.web.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Headers that keep browsers from misusing the dashboard and the API: no page of another site may
 * frame them (a framed dashboard could be clicked through: clickjacking), nothing but this site's
 * own scripts and styles run on them, and no answer is sniffed into another content type.
 * Set before the rest of the chain runs, and on error dispatches (the container's own 401 and 403),
 * so every answer carries them; and on asynchronous dispatches, which carry a webhook whose body was
 * read without a worker thread ({@code BodyFirstFilter}), whichever of the two filters runs first.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR},
        asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
    }
}
