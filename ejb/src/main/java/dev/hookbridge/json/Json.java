package dev.hookbridge.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** The application's one JSON-B instance: building one is costly, using it is thread-safe. */
public final class Json {

    public static final Jsonb JSONB = JsonbBuilder.create();

    private Json() {
    }
}
