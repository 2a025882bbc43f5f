package dev.hookbridge.faults.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP to the fault stack's WildFly (loopback only), as providers and ops would talk to it. A
 * failure to connect or a connection closed without an answer is an {@link Answer} with status 0,
 * not an exception: under faults it is an expected outcome that the suite counts.
 */
public final class Web {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static final String ADMIN = basic("admin", "admin");
    public static final String VIEWER = basic("viewer", "viewer");

    /** One answer; status 0 means no answer (refused, reset, closed, timed out). */
    public record Answer(int status, String body, Optional<String> retryAfter, String error) {
        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        @Override
        public String toString() {
            return status == 0 ? "no answer (" + error + ")" : status + " " + body;
        }
    }

    private Web() {
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static Answer post(String baseUrl, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public static Answer put(String baseUrl, String path, Map<String, String> headers, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public static Answer get(String baseUrl, String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"), null);
        } catch (IOException e) {
            return new Answer(0, "", Optional.empty(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
