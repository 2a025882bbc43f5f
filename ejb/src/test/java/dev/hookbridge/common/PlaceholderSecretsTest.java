package dev.hookbridge.common;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceholderSecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"<the signing secret from Stripe>", "whsec_...", "whsec_…", "<secret>",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "It's a Secret to Everybody", "8f742231b10e8888abcd99yyyzzz85a5"})
    void placeholdersAndPublishedExamplesAreRefused(String secret) {
        assertThat(PlaceholderSecrets.why(secret)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "a real secret with spaces, 32 b.", "k3y-0f-th3-sh0p-2026"})
    void realLookingSecretsPass(String secret) {
        assertThat(PlaceholderSecrets.why(secret)).isEmpty();
    }
}
