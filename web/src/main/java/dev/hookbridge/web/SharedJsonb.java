package dev.hookbridge.web;

import dev.hookbridge.json.Json;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Hands RESTEasy the application's one JSON-B instance for reading and writing JSON bodies. Without
 * a resolver RESTEasy builds a new Jsonb for every response (a service-loader lookup through the
 * deployment's class loaders each time), work repeated on every request (what it cost under load:
 * docs/results/benchmark-2026-11-23.md, "Lookups repeated on every call"). Both instances use
 * JSON-B's defaults, so the JSON is the same.
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {

    @Override
    public Jsonb getContext(Class<?> type) {
        return Json.JSONB;
    }
}
