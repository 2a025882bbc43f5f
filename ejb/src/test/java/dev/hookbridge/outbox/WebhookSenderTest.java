package dev.hookbridge.outbox;

import com.sun.net.httpserver.HttpServer;
import dev.hookbridge.endpoint.AddressPolicy;
import dev.hookbridge.endpoint.DeliveryTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The sender against a real loopback HTTP server: the SSRF guard acts at connect time, on the resolved address. */
class WebhookSenderTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private HttpServer server;
    private final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders());
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    @Test
    void aResponseExcerptKeepsTheFirst4KiBAndReplacesNulWhichPostgresqlTextCannotHold() throws IOException {
        byte[] body = ("ok\u0000done" + "y".repeat(10_000)).getBytes(StandardCharsets.UTF_8);

        String excerpt = WebhookSender.readExcerpt(new ByteArrayInputStream(body));

        assertThat(excerpt).startsWith("ok\uFFFDdone").doesNotContain("\u0000");
        assertThat(excerpt.getBytes(StandardCharsets.UTF_8)).hasSize(WebhookSender.RESPONSE_EXCERPT_BYTES + 2); // U+FFFD is 3 bytes, NUL 1
    }

    @Test
    void aHostResolvingToARefusedAddressIsRefusedAtSendTimeAndNothingIsSent() {
        WebhookSender sender = sender(new AddressPolicy(false, List.of()));
        // "localhost" is a name: the check runs on what it resolves to, in the client's DNS step.
        AttemptResult result = sender.send(delivery("http://localhost:" + server.getAddress().getPort() + "/hook"));
        sender.stop();

        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).contains("refused by the SSRF guard");
        assertThat(received).isEmpty();
    }

    @Test
    void anAllowedAddressIsSentSignedAndTheAnswerIsCutAt4KiB() {
        WebhookSender sender = sender(new AddressPolicy(false, List.of("127.0.0.0/8")));
        AttemptResult result = sender.send(delivery("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
        sender.stop();

        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.responseExcerpt()).hasSize(WebhookSender.RESPONSE_EXCERPT_BYTES);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).get("Webhook-id")).containsExactly("evt_1");
        assertThat(received.get(0).get("Webhook-signature").get(0)).startsWith("v1,");
    }

    private static WebhookSender sender(AddressPolicy policy) {
        WebhookSender sender = new WebhookSender();
        sender.addressPolicy = policy;
        sender.timeout = Duration.ofSeconds(5);
        sender.start();
        return sender;
    }

    private static ClaimedDelivery delivery(String url) {
        return new ClaimedDelivery(1, "evt_1", "order.created", Instant.parse("2026-01-01T00:00:00Z"), "{\"n\":1}", 0,
                new DeliveryTarget("ep_1", url, Map.of(), List.of(SECRET), null));
    }
}
