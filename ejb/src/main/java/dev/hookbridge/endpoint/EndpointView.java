package dev.hookbridge.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An endpoint as the API shows it, with its {@link EndpointHealth}. {@code secret} is set only in
 * the answer that creates it (or rotates it): it is shown once, then never again.
 */
public record EndpointView(String id, String url, List<String> eventTypes, List<String> sources, String description,
                           boolean enabled, String disabledReason, Integer rateLimitPerSecond, Map<String, String> headers,
                           Instant createdAt, Instant updatedAt, EndpointHealth health, String secret) {

    static EndpointView of(Endpoint e, String shownSecret, EndpointHealth health) {
        return new EndpointView(e.getId(), e.getUrl(), e.getEventTypes(), e.getSources(), e.getDescription(),
                e.isEnabled(), e.getDisabledReason(), e.getRateLimitPerSecond(), e.getHeaders(),
                e.getCreatedAt(), e.getUpdatedAt(), health, shownSecret);
    }
}
