package dev.hookbridge.endpoint;

import dev.hookbridge.common.EventTypePattern;
import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.PlaceholderSecrets;
import dev.hookbridge.operations.OperationalEventType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What a client gives to create or replace an endpoint (docs/outbound.md, "Endpoints"). The rules of
 * each field are its constraints; {@link #validate()} checks the secret's strength, and the service
 * asks the SSRF guard about the url's host.
 */
public record EndpointDefinition(
        @NotBlank(message = "is required") @HttpUrl String url,
        @NotEmpty(message = "must name at least one event type (exact, or a prefix ending in *)")
        List<@NotNull(message = "may not hold a missing event type") @EventTypePattern String> eventTypes,
        List<@NotBlank(message = "may not hold an empty source name") String> sources,
        String description,
        Boolean enabled,
        String secret,
        @Min(value = 1, message = EndpointDefinition.RATE_RULE) @Max(value = 10_000, message = EndpointDefinition.RATE_RULE)
        Integer rateLimitPerSecond,
        Map<@SettableHeader String,
            @NotNull(message = EndpointDefinition.HEADER_VALUE_RULE)
            @Pattern(regexp = "[^\\r\\n]*", message = EndpointDefinition.HEADER_VALUE_RULE) String> headers,
        Boolean operator,
        Map<@NotBlank(message = "may not pin an empty event type") String,
            @NotNull(message = "may not pin a type to a missing version") @Min(value = 1, message = "must pin versions from 1") Integer> eventVersions,
        String customer) {

    static final String SECRET_PREFIX = "whsec_";
    static final int MIN_SECRET_BYTES = 24;
    private static final String RATE_RULE = "must be between 1 and 10000";
    private static final String HEADER_VALUE_RULE = "may not hold a header value that is missing or holds a line break";

    /** The same definition for an endpoint of {@code owner} (null: the shop's own). */
    public EndpointDefinition ownedBy(String owner) {
        return new EndpointDefinition(url, eventTypes, sources, description, enabled, secret, rateLimitPerSecond, headers, operator,
                eventVersions, owner);
    }

    /** The rules that are no field's constraint; the constraints must hold already. */
    public void validate() {
        if (secret != null) {
            validateSecret(secret);
        }
        if (operatorOrDefault()) {
            validateOperatorSubscription();
        }
        if (customer != null) {
            if (operatorOrDefault()) {
                throw new InvalidInputException("customer", "an operator endpoint is the shop's own: it belongs to no customer");
            }
            if (sources != null && !sources.isEmpty()) {
                throw new InvalidInputException("sources", "an endpoint of a customer receives the events published for that customer, "
                        + "not routed inbound events: it takes no sources");
            }
        }
        if (eventVersions != null) {
            for (String type : eventVersions.keySet()) {
                if (!Endpoint.matchesAny(eventTypes, type) || type.endsWith("*")) {
                    throw new InvalidInputException("eventVersions", "'" + type + "' is not an exact type this endpoint subscribes to: "
                            + "pin exact types that its eventTypes match");
                }
            }
        }
    }

    /**
     * An operator endpoint receives operational events only: no inbound sources, and each exact type
     * one that Hookbridge raises (a prefix such as {@code endpoint.*} or {@code *} is fine), so that a
     * misspelt type is an error now rather than an alert that never comes.
     */
    private void validateOperatorSubscription() {
        if (sources != null && !sources.isEmpty()) {
            throw new InvalidInputException("sources", "an operator endpoint receives operational events only: it takes no sources");
        }
        for (String type : eventTypes) {
            if (!type.endsWith("*") && OperationalEventType.fromWireName(type).isEmpty()) {
                throw new InvalidInputException("eventTypes", "an operator endpoint receives operational events only, and '"
                        + type + "' is none of them (" + OperationalEventType.wireNames() + ")");
            }
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

    boolean operatorOrDefault() {
        return operator != null && operator;
    }

    boolean enabledOrDefault() {
        return enabled == null || enabled;
    }
}
