package dev.hookbridge.signature;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a source's signature scheme from its configured name and options. */
public final class SignatureSchemes {

    private static final Set<String> NAMES = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            StripeSignatureScheme.NAME,
            GitHubSignatureScheme.NAME,
            SlackSignatureScheme.NAME,
            StandardWebhooksSignatureScheme.NAME,
            HmacSignatureScheme.NAME)));

    private SignatureSchemes() {
    }

    /**
     * The scheme called {@code scheme}, configured by {@code options} (only {@code hmac} takes any;
     * {@code null} means none).
     *
     * @throws IllegalArgumentException naming the unknown scheme, or the missing, unknown or bad option
     */
    public static SignatureScheme create(String scheme, Map<String, String> options) {
        if (scheme == null || !NAMES.contains(scheme)) {
            throw new IllegalArgumentException(
                    "unknown scheme '" + scheme + "' (known: " + String.join(", ", NAMES) + ")");
        }
        if (scheme.equals(HmacSignatureScheme.NAME)) {
            return HmacSignatureScheme.fromOptions(options);
        }
        SchemeOptions.requireNone(scheme, options);
        return switch (scheme) {
            case StripeSignatureScheme.NAME -> new StripeSignatureScheme();
            case GitHubSignatureScheme.NAME -> new GitHubSignatureScheme();
            case SlackSignatureScheme.NAME -> new SlackSignatureScheme();
            case StandardWebhooksSignatureScheme.NAME -> new StandardWebhooksSignatureScheme();
            default -> throw new IllegalStateException("scheme '" + scheme + "' is listed but not built");
        };
    }

    /** The scheme names {@link #create} accepts, in a stable order. */
    public static Set<String> names() {
        return NAMES;
    }
}
