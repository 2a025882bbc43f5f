package dev.hookbridge.it.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tests' HTTP client against the test WildFly: {@code Http.as("admin", "admin").get("/api/inbox")}.
 * The one place that knows where the server is.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String authorization;
    private final String baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Http(String authorization) {
        this(authorization, null);
    }

    private Http(String authorization, String baseUrl) {
        this.authorization = authorization;
        this.baseUrl = baseUrl;
    }

    public static Http anonymous() {
        return new Http(null);
    }

    public static Http as(String user, String password) {
        return new Http("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** A customer portal session's calls: its token as {@code Authorization: Bearer}. */
    public static Http bearer(String token) {
        return new Http("Bearer " + token);
    }

    public static Http admin() {
        return as("admin", "admin");
    }

    public static Http viewer() {
        return as("viewer", "viewer");
    }

    /** The same client talking to another node than the test stack's first WildFly. */
    public Http at(String otherBaseUrl) {
        Http copy = new Http(authorization, otherBaseUrl);
        copy.headers.putAll(headers);
        return copy;
    }

    public Http header(String name, String value) {
        Http copy = new Http(authorization, baseUrl);
        copy.headers.putAll(headers);
        copy.headers.put(name, value);
        return copy;
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    /** OPTIONS: JAX-RS answers it for every resource path it serves, with the methods in {@code Allow}. */
    public Reply options(String path) {
        return send(request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    public Reply post(String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    /**
     * Posts the body as a stream of unknown length: no Content-Length, sent chunked over HTTP/1.1,
     * as a provider streaming its payload would.
     */
    public Reply postStreaming(String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path).version(HttpClient.Version.HTTP_1_1)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    public Reply postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Reply putJson(String path, String json) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create((baseUrl != null ? baseUrl : TestStack.baseUrl()) + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
