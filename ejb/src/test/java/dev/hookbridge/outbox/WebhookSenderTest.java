package dev.hookbridge.outbox;

import com.sun.net.httpserver.HttpServer;
import dev.hookbridge.endpoint.AddressPolicies;
import dev.hookbridge.endpoint.AddressPolicy;
import dev.hookbridge.endpoint.DeliveryTarget;
import dev.hookbridge.tracing.Traces;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The sender against a real loopback HTTP server: the SSRF guard acts at connect time, on the resolved address. */
class WebhookSenderTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Duration HOSTILE_DEADLINE = Duration.ofSeconds(2);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

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
    void theBodyNamesTheVersionOfACataloguedTypeAndOnlyThen() {
        DeliveryTarget target = new DeliveryTarget("ep_1", "http://127.0.0.1/", Map.of(), List.of(SECRET), null, null);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        String versioned = new String(WebhookSender.payload(new ClaimedDelivery(1, "evt_1", "invoice.paid", at, "{\"n\":1}", 0,
                target, null, 2)), StandardCharsets.UTF_8);
        String unversioned = new String(WebhookSender.payload(new ClaimedDelivery(1, "evt_1", "order.created", at, "{\"n\":1}", 0,
                target, null, null)), StandardCharsets.UTF_8);
        assertThat(versioned).isEqualTo("{\"id\":\"evt_1\",\"type\":\"invoice.paid\",\"version\":2,\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{\"n\":1}}");
        assertThat(unversioned).isEqualTo("{\"id\":\"evt_1\",\"type\":\"order.created\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{\"n\":1}}");
    }

    @Test
    void aResponseExcerptKeepsTheFirst4KiBAndReplacesNulWhichPostgresqlTextCannotHold() throws IOException {
        byte[] body = ("ok\u0000done" + "y".repeat(10_000)).getBytes(StandardCharsets.UTF_8);

        WebhookSender.Excerpt read = WebhookSender.Excerpt.read(new ByteArrayInputStream(body));
        String excerpt = read.text();

        assertThat(read.complete()).as("a body longer than the excerpt").isFalse();
        assertThat(WebhookSender.Excerpt.read(new ByteArrayInputStream(new byte[10])).complete()).isTrue();
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

    @Test
    void aCustomersEndpointPassesTheCustomersPolicyNotTheShopsAllowedHosts() {
        WebhookSender sender = new WebhookSender();
        sender.addressPolicies = new AddressPolicies(new AddressPolicy(false, List.of("127.0.0.0/8")), new AddressPolicy(false, List.of()));
        sender.timeout = Duration.ofSeconds(5);
        sender.deadlines = Executors.newSingleThreadScheduledExecutor();
        sender.traces = Traces.using(OpenTelemetry.noop());
        sender.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        AttemptResult shops = sender.send(delivery(url, null, null));
        AttemptResult customers = sender.send(delivery(url, null, "acme"));
        sender.stop();

        assertThat(shops.statusCode()).isEqualTo(200);
        assertThat(customers.statusCode()).isNull();
        assertThat(customers.error()).contains("refused by the SSRF guard");
        assertThat(received).hasSize(1);
    }

    @Test
    void theAttemptContinuesTheEventsTraceInItsTraceparentHeader() {
        WebhookSender sender = sender(new AddressPolicy(false, List.of("127.0.0.0/8")));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        sender.send(delivery(url, "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
        sender.send(delivery(url, null));
        sender.send(delivery(url, "not a trace context"));
        sender.stop();

        assertThat(received).hasSize(3);
        assertThat(received.get(0).get("Traceparent")).singleElement().asString().startsWith("00-" + TRACE_ID + "-");
        // With nothing (or nothing valid) to continue, the no-op OpenTelemetry starts no trace, so there is no header.
        assertThat(received.get(1).get("Traceparent")).isNull();
        assertThat(received.get(2).get("Traceparent")).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = HostileReceiver.Behaviour.class, mode = EnumSource.Mode.EXCLUDE, names = "ENDLESS_BODY_AFTER_200")
    void aHostileReceiverFailsTheAttemptWithinTheDeadline(HostileReceiver.Behaviour behaviour) throws Exception {
        WebhookSender sender = sender(new AddressPolicy(false, List.of("127.0.0.0/8")), HOSTILE_DEADLINE);
        try (HostileReceiver receiver = HostileReceiver.start(behaviour)) {
            long started = System.nanoTime();
            AttemptResult result = sender.send(delivery(receiver.url()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(result.delivered()).as("%s: %s", behaviour, result).isFalse();
            assertThat(result.error()).as("%s", behaviour).contains(behaviour.expectedError);
            assertThat(took).as("%s: time to fail", behaviour).isLessThan(HOSTILE_DEADLINE.plusSeconds(1));
        } finally {
            sender.stop();
        }
    }

    @Test
    void aSuccessWithAnEndlessBodyIsRecordedWithItsExcerptAndTheConnectionClosedNotDrained() throws Exception {
        WebhookSender sender = sender(new AddressPolicy(false, List.of("127.0.0.0/8")), HOSTILE_DEADLINE);
        try (HostileReceiver receiver = HostileReceiver.start(HostileReceiver.Behaviour.ENDLESS_BODY_AFTER_200)) {
            long started = System.nanoTime();
            AttemptResult result = sender.send(delivery(receiver.url()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(result.delivered()).as("%s", result).isTrue();
            assertThat(result.responseExcerpt()).hasSize(WebhookSender.RESPONSE_EXCERPT_BYTES);
            assertThat(took).as("long before the deadline").isLessThan(HOSTILE_DEADLINE.dividedBy(2));
            assertThat(receiver.awaitClosed(Duration.ofSeconds(5))).as("the connection closed by the sender").isTrue();
        } finally {
            sender.stop();
        }
    }

    private static WebhookSender sender(AddressPolicy policy) {
        return sender(policy, Duration.ofSeconds(5));
    }

    private static WebhookSender sender(AddressPolicy policy, Duration timeout) {
        WebhookSender sender = new WebhookSender();
        sender.addressPolicies = new AddressPolicies(policy, policy);
        sender.timeout = timeout;
        sender.deadlines = Executors.newSingleThreadScheduledExecutor();
        sender.traces = Traces.using(OpenTelemetry.noop());
        sender.start();
        return sender;
    }

    private static ClaimedDelivery delivery(String url) {
        return delivery(url, null);
    }

    private static ClaimedDelivery delivery(String url, String traceparent) {
        return delivery(url, traceparent, null);
    }

    private static ClaimedDelivery delivery(String url, String traceparent, String customer) {
        return new ClaimedDelivery(1, "evt_1", "order.created", Instant.parse("2026-01-01T00:00:00Z"), "{\"n\":1}", 0,
                new DeliveryTarget("ep_1", url, Map.of(), List.of(SECRET), null, customer), traceparent, null);
    }
}
