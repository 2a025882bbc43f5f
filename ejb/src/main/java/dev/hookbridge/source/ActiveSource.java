package dev.hookbridge.source;

import dev.hookbridge.signature.SignatureScheme;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A source ready to check a request: its scheme, decrypted secrets and intake limits. Kept in memory
 * only by {@link ActiveSourceCache}, for a few seconds; never logged or returned.
 */
public record ActiveSource(String name, SignatureScheme scheme, List<String> secrets, Duration tolerance,
                           Optional<String> orderingKey, IntakeOptions intake) {

    @Override
    public String toString() {
        return "ActiveSource[" + name + ", " + scheme.name() + "]";
    }
}
