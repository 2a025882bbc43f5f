package dev.hookbridge.json;

import jakarta.json.spi.JsonProvider;

/**
 * The application's one JSON-P provider. Use it rather than the static methods of
 * {@code jakarta.json.Json}: each of those looks the provider up again through the ServiceLoader,
 * which under WildFly's module class loader scans jars on every call (16 % of WildFly's CPU samples
 * in the benchmark's outbound burst, when every delivery built its body that way).
 */
public final class JsonProcessing {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonProcessing() {
    }
}
