package dev.hookbridge.json;

import jakarta.json.spi.JsonProvider;

/**
 * The application's one JSON-P provider. Use it rather than the static methods of
 * {@code jakarta.json.Json}: each of those looks the provider up again through the ServiceLoader,
 * which under WildFly's module class loader scans jars on every call, and JSON is read or built for
 * every webhook and every delivery (what it cost: docs/results/benchmark-2026-11-23.md, "Lookups
 * repeated on every call").
 */
public final class JsonProcessing {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonProcessing() {
    }
}
