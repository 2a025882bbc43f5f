package dev.hookbridge.endpoint;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.PlaceholderSecrets;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a client gives to create or replace an endpoint (docs/outbound.md, "Endpoints"), validated
 * with the offending field named.
 */
public record EndpointDefinition(String url, List<String> eventTypes, List<String> sources, String description,
                                 Boolean enabled, String secret, Integer rateLimitPerSecond, Map<String, String> headers) {

    static final String SECRET_PREFIX = "whsec_";
    static final int MIN_SECRET_BYTES = 24;
    /** Headers Hookbridge sets itself; an endpoint may not override them. */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host",
            "webhook-id", "webhook-timestamp", "webhook-signature", "transfer-encoding", "connection");

    public void validate() {
        URI uri = parseUrl(url);
        if (uri.getUserInfo() != null) {
            throw new InvalidInputException("url", "the url may not contain credentials; use headers instead");
        }
        if (eventTypes == null || eventTypes.isEmpty()) {
            throw new InvalidInputException("eventTypes", "at least one event type (exact, or a prefix ending in *) is required");
        }
        for (String type : eventTypes) {
            if (type == null || type.isBlank() || type.indexOf('*') >= 0 && type.indexOf('*') != type.length() - 1) {
                throw new InvalidInputException("eventTypes", "an event type is exact (order.created) or a prefix ending in * (order.*)");
            }
        }
        if (sources != null && sources.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new InvalidInputException("sources", "a source name may not be empty");
        }
        if (secret != null) {
            validateSecret(secret);
        }
        if (rateLimitPerSecond != null && (rateLimitPerSecond < 1 || rateLimitPerSecond > 10_000)) {
            throw new InvalidInputException("rateLimitPerSecond", "rateLimitPerSecond must be between 1 and 10000");
        }
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name == null || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")
                        || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new InvalidInputException("headers", "'" + name + "' is not a header an endpoint may set");
                }
                if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                    throw new InvalidInputException("headers", "the value of header '" + name + "' is not valid");
                }
            });
        }
    }

    static URI parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("url", "url is required");
        }
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("url", "url must be an absolute http or https URL with a host");
        }
    }

    static void validateSecret(String secret) {
        PlaceholderSecrets.why(secret).ifPresent(why -> {
            throw new InvalidInputException("secret", why);
        });
        try {
            if (secret.startsWith(SECRET_PREFIX)
                    && Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())).length >= MIN_SECRET_BYTES) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new InvalidInputException("secret", "secret must be 'whsec_' followed by base64 of at least "
                + MIN_SECRET_BYTES + " random bytes");
    }

    boolean enabledOrDefault() {
        return enabled == null || enabled;
    }
}
