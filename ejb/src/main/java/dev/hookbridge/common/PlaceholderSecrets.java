package dev.hookbridge.common;

import java.util.Optional;
import java.util.Set;

/**
 * Secrets nobody should sign with: placeholders copied from documentation ({@code <your secret>},
 * {@code whsec_...}) and the example secrets that providers' own documentation publishes. Taken as
 * real, they would make a source or endpoint that anyone can sign for.
 */
public final class PlaceholderSecrets {

    /** Published examples: Standard Webhooks' test vector, GitHub's and Slack's documentation. */
    private static final Set<String> PUBLISHED = Set.of(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "It's a Secret to Everybody",
            "8f742231b10e8888abcd99yyyzzz85a5");

    private PlaceholderSecrets() {
    }

    /** Why the secret is a placeholder or a published example; empty when it is neither. */
    public static Optional<String> why(String secret) {
        if (PUBLISHED.contains(secret.strip())) {
            return Optional.of("this is an example secret published in documentation; use the one the provider gave you");
        }
        if (secret.contains("<") || secret.contains(">") || secret.contains("...") || secret.contains("…")) {
            return Optional.of("this looks like a placeholder (it holds <, >, ... or …); use the real secret");
        }
        return Optional.empty();
    }
}
