package dev.hookbridge.web;

import dev.hookbridge.json.Json;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Hands RESTEasy the application's one JSON-B instance for reading and writing JSON bodies. Without
 * a resolver RESTEasy builds a new Jsonb for every response (a service-loader lookup through the
 * deployment's class loaders each time), which the benchmark profile showed as a fifth of the
 * gateway's CPU under load. Both instances use JSON-B's defaults, so the JSON is the same.
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {

    @Override
    public Jsonb getContext(Class<?> type) {
        return Json.JSONB;
    }
}
