package dev.hookbridge.source;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.PlaceholderSecrets;
import dev.hookbridge.signature.SignatureScheme;
import dev.hookbridge.signature.SignatureSchemes;
import dev.hookbridge.signature.WebhookPayload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a client gives to create or replace a source (docs/inbound.md, "Sources"), validated as a
 * whole so the first broken rule is answered with its field name.
 *
 * @param options scheme options (hmac: header, algorithm, …) and the intake options
 *                {@value #OPTION_MEDIA_TYPES} and {@value #OPTION_MAX_BODY_BYTES}
 */
public record SourceDefinition(String scheme, List<String> secrets, Integer toleranceSeconds,
                               String orderingKey, Map<String, String> options) {

    public static final int DEFAULT_TOLERANCE_SECONDS = 300;
    public static final String OPTION_MEDIA_TYPES = "mediaTypes";
    public static final String OPTION_MAX_BODY_BYTES = "maxBodyBytes";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final int MAX_SECRETS = 10;

    public static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("name",
                    "a source name is 1–100 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
    }

    public void validate() {
        if (scheme == null || !SignatureSchemes.names().contains(scheme)) {
            throw new InvalidInputException("scheme", "scheme must be one of " + SignatureSchemes.names());
        }
        if (secrets == null || secrets.isEmpty()) {
            throw new InvalidInputException("secrets", "at least one secret is required");
        }
        if (secrets.size() > MAX_SECRETS) {
            throw new InvalidInputException("secrets", "at most " + MAX_SECRETS + " secrets may be active at once");
        }
        if (toleranceSeconds != null && (toleranceSeconds < 1 || toleranceSeconds > 86_400)) {
            throw new InvalidInputException("toleranceSeconds", "toleranceSeconds must be between 1 and 86400");
        }
        if (orderingKey != null && !orderingKey.isEmpty()) {
            try {
                // Checked here: a pointer that cannot be read would fail every webhook of the source.
                WebhookPayload.requirePointer(orderingKey, "orderingKey");
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("orderingKey", e.getMessage());
            }
        }
        Map<String, String> schemeOptions = new LinkedHashMap<>(optionsOrEmpty());
        IntakeOptions.validate(schemeOptions.remove(OPTION_MEDIA_TYPES), schemeOptions.remove(OPTION_MAX_BODY_BYTES));
        SignatureScheme signatureScheme;
        try {
            signatureScheme = SignatureSchemes.create(scheme, schemeOptions);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("options", e.getMessage());
        }
        for (String secret : secrets) {
            if (secret == null || secret.isBlank()) {
                throw new InvalidInputException("secrets", "a secret may not be empty");
            }
            PlaceholderSecrets.why(secret).ifPresent(why -> {
                throw new InvalidInputException("secrets", why);
            });
            try {
                // Each scheme knows what its secrets look like (standard: whsec_ + base64).
                signatureScheme.validateSecret(secret);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("secrets", e.getMessage());
            }
        }
    }

    int toleranceSecondsOrDefault() {
        return toleranceSeconds == null ? DEFAULT_TOLERANCE_SECONDS : toleranceSeconds;
    }

    Map<String, String> optionsOrEmpty() {
        return options == null ? Map.of() : options;
    }
}
