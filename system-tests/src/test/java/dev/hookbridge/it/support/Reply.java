package dev.hookbridge.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Optional;

/** An HTTP answer as the tests read it: status, headers and the body, parsed as JSON on demand. */
public record Reply(int status, HttpResponse<String> response) {

    public String body() {
        return response.body();
    }

    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    public String contentType() {
        return header("content-type").orElse("");
    }

    public JsonObject json() {
        return Json.createReader(new StringReader(body())).readObject();
    }

    public JsonArray items() {
        return json().getJsonArray("items");
    }

    @Override
    public String toString() {
        return status + " " + body();
    }
}
