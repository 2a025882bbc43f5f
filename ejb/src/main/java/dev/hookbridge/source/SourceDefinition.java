package dev.hookbridge.source;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.PlaceholderSecrets;
import dev.hookbridge.signature.KnownScheme;
import dev.hookbridge.signature.SignatureScheme;
import dev.hookbridge.signature.SignatureSchemes;
import dev.hookbridge.signature.WebhookPayload;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client gives to create or replace a source (docs/inbound.md, "Sources"). The rules of each
 * field are its constraints; {@link #validate()} checks what depends on the scheme (its options and
 * what its secrets look like), the ordering key's pointer syntax and placeholder secrets.
 *
 * @param options scheme options (hmac: header, algorithm, …) and the intake options
 *                {@value #OPTION_MEDIA_TYPES} and {@value #OPTION_MAX_BODY_BYTES}
 */
public record SourceDefinition(
        @NotNull(message = "is required") @KnownScheme String scheme,
        @NotEmpty(message = "must hold at least one secret")
        @Size(max = SourceDefinition.MAX_SECRETS, message = "may hold at most " + SourceDefinition.MAX_SECRETS + " active secrets")
        List<@NotBlank(message = "may not hold an empty secret") String> secrets,
        @Min(value = 1, message = SourceDefinition.TOLERANCE_RULE)
        @Max(value = 86_400, message = SourceDefinition.TOLERANCE_RULE) Integer toleranceSeconds,
        String orderingKey, Map<String, String> options) {

    public static final int DEFAULT_TOLERANCE_SECONDS = 300;
    public static final String OPTION_MEDIA_TYPES = "mediaTypes";
    public static final String OPTION_MAX_BODY_BYTES = "maxBodyBytes";

    /** A source's name, which is also its path segment in /webhooks/{source}. */
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,99}";
    public static final String NAME_RULE = "must be 1–100 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit";
    static final int MAX_SECRETS = 10;
    private static final String TOLERANCE_RULE = "must be between 1 and 86400";

    /** The rules that are no field's constraint; the constraints must hold already. */
    public void validate() {
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
