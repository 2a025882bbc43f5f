package dev.hookbridge.endpoint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An endpoint as the API shows it, with its {@link EndpointHealth}. {@code secret} is set only in
 * the answer that creates it (or rotates it): it is shown once, then never again. Header values are
 * never shown: each is {@link #HIDDEN_VALUE}, which a PUT may send back to keep the stored value.
 */
public record EndpointView(String id, String customer, String url, List<String> eventTypes, List<String> sources, String description,
                           boolean operator, boolean enabled, String disabledReason, Integer rateLimitPerSecond, Map<String, String> headers,
                           Map<String, Integer> eventVersions, Instant createdAt, Instant updatedAt, EndpointHealth health, String secret) {

    /** What answers show of a header value. */
    public static final String HIDDEN_VALUE = "…";

    static EndpointView of(Endpoint e, String shownSecret, EndpointHealth health) {
        Map<String, String> hidden = new LinkedHashMap<>();
        e.getHeadersEncrypted().keySet().forEach(name -> hidden.put(name, HIDDEN_VALUE));
        return new EndpointView(e.getId(), e.getCustomerId(), e.getUrl(), e.getEventTypes(), e.getSources(), e.getDescription(),
                e.isOperator(), e.isEnabled(), e.getDisabledReason(), e.getRateLimitPerSecond(), hidden,
                e.getEventVersions(), e.getCreatedAt(), e.getUpdatedAt(), health, shownSecret);
    }
}
