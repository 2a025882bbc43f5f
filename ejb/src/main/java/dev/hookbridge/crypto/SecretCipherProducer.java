package dev.hookbridge.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** Makes the {@link SecretCipher} from the configured key ({@code hookbridge.secrets.key}). */
@ApplicationScoped
public class SecretCipherProducer {

    public static final String KEY_PROPERTY = "hookbridge.secrets.key";

    // Singleton (no client proxy): SecretCipher is a final value class.
    @Produces
    @Singleton
    SecretCipher secretCipher(@ConfigProperty(name = KEY_PROPERTY) Optional<String> key) {
        // No default on purpose: a production server must be given its own key (docs/security.md, "Secrets").
        return SecretCipher.fromBase64Key(key.orElseThrow(() -> new IllegalStateException(
                KEY_PROPERTY + " (or HOOKBRIDGE_SECRETS_KEY) is not set: give it 32 random bytes in base64, "
                        + "e.g. the output of `openssl rand -base64 32`")));
    }
}
