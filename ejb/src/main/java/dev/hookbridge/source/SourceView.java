package dev.hookbridge.source;

import dev.hookbridge.crypto.SecretCipher;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A source as the API shows it: secrets only as masked hints. */
public record SourceView(String name, String scheme, List<String> secrets, int toleranceSeconds,
                         String orderingKey, Map<String, String> options, Instant createdAt, Instant updatedAt) {

    static SourceView of(Source source, List<String> plainSecrets) {
        return new SourceView(source.getName(), source.getScheme(),
                plainSecrets.stream().map(SecretCipher::mask).toList(),
                source.getToleranceSeconds(), source.getOrderingKey(), source.getOptions(),
                source.getCreatedAt(), source.getUpdatedAt());
    }
}
