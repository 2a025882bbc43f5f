package dev.hookbridge.benchmark;

import dev.hookbridge.stack.Credentials;
import dev.hookbridge.testsupport.Signer;
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
import java.util.concurrent.CompletableFuture;

/**
 * Talks to the gateway as its users do, over the JDK's HTTP client: signed Standard Webhooks with a
 * 1 KiB body and a unique id to {@code /webhooks/{source}}, the admin API, and the baseline WAR.
 */
final class GatewayClient {

    static final String SOURCE = "bench";
    static final int BODY_BYTES = 1024;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String baseUrl;
    private final String secret = Signer.newStandardSecret();
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString(
            (Credentials.ADMIN + ":" + Credentials.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    GatewayClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The benchmark's source: Standard Webhooks, one secret. */
    void createSource() {
        String body = Json.createObjectBuilder().add("scheme", "standard")
                .add("secrets", Json.createArrayBuilder().add(secret)).build().toString();
        expect(send(admin("/api/sources/" + SOURCE).PUT(HttpRequest.BodyPublishers.ofString(body))), 201, 200);
    }

    /** An outbound endpoint for the given event types; answers its id. */
    String createEndpoint(String url, String eventTypes) {
        String body = Json.createObjectBuilder().add("url", url)
                .add("eventTypes", Json.createArrayBuilder().add(eventTypes)).build().toString();
        HttpResponse<String> reply = send(admin("/api/endpoints").POST(HttpRequest.BodyPublishers.ofString(body)));
        expect(reply, 201);
        return json(reply.body()).getString("id");
    }

    /** A signed webhook for {@code /webhooks/bench} with this event id. */
    HttpRequest webhook(String eventId) {
        return signed(URI.create(baseUrl + "/webhooks/" + SOURCE), eventId);
    }

    /** The same request (headers, body) to the baseline WAR's empty endpoint. */
    HttpRequest emptyPost(String eventId) {
        return signed(URI.create(baseUrl + "/benchmark-baseline/empty"), eventId);
    }

    boolean call(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    }

    /** The whole answer, for a caller that tells answers apart by more than success. */
    HttpResponse<String> answer(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<Boolean> callAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> r.statusCode() == 200);
    }

    /** POST /api/events with the caller's event id and 1 KiB of data; true on 202. */
    boolean publish(String eventId, String type) throws IOException, InterruptedException {
        String body = "{\"id\":\"" + eventId + "\",\"type\":\"" + type + "\",\"data\":{\"pad\":\"" + "x".repeat(BODY_BYTES - 80) + "\"}}";
        HttpRequest request = admin("/api/events").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 202;
    }

    /** Baseline 5: one server-side loop of XA transactions; answers its text (errors line, then latencies). */
    String xaLoop(long millis, String prefix) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/benchmark-baseline/xa?millis=" + millis + "&prefix=" + prefix))
                .timeout(Duration.ofMillis(millis + 120_000))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("XA baseline answered " + reply.statusCode() + ": " + reply.body());
        }
        return reply.body();
    }

    /** Pauses ("stop") or resumes ("start") the gateway's inbound processing (the baseline WAR's switch). */
    void inboundProcessing(String action) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/benchmark-baseline/inbound-processing/" + action))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("the processing switch answered " + reply.statusCode() + ": " + reply.body());
        }
    }

    private HttpRequest signed(URI uri, String eventId) {
        long timestamp = System.currentTimeMillis() / 1000;
        byte[] body = body(eventId);
        String signature = Signer.standard(secret, eventId, timestamp, body);
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .header("webhook-id", eventId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** A JSON body of exactly {@value #BODY_BYTES} bytes. */
    static byte[] body(String eventId) {
        String head = "{\"type\":\"bench.inbound\",\"id\":\"" + eventId + "\",\"data\":{\"pad\":\"";
        String tail = "\"}}";
        return (head + "x".repeat(BODY_BYTES - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("authorization", authorization)
                .header("content-type", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> reply, int... statuses) {
        for (int status : statuses) {
            if (reply.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException(reply.request().method() + " " + reply.request().uri() + " answered "
                + reply.statusCode() + ": " + reply.body());
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
