package dev.hookbridge.it;

import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.it.support.TraceCollector.ExportedSpan;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Request;
import dev.hookbridge.testsupport.Signer;
import dev.hookbridge.testsupport.Waits;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace per webhook (docs/operations.md, "Traces"): the test server exports to the run's OTLP/HTTP
 * collector, and a webhook sent with a caller's traceparent yields the spans of its intake, its inbox
 * transaction, its processing and its delivery attempt in that trace, each the child of the one before;
 * the message on webhooks.events and the outbound request carry the same trace.
 */
@SystemTest
class TracesIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aRoutedWebhookIsOneTraceFromItsRequestThroughProcessingToTheAttempt() throws JMSException {
        String source = Fixtures.uniqueName("traced");
        String secret = Fixtures.createStandardSource(source);
        String type = Outbound.uniqueType("traced.created");
        String traceId = hex(16);
        String callerSpanId = hex(8);
        String eventId = "msg_" + UUID.randomUUID();
        try (Receiver receiver = Receiver.start();
             Jms.Subscription published = new Jms.Subscription(Jms.asAdmin(), "webhooks.events", "eventId = '" + eventId + "'")) {
            Outbound.createEndpoint(Outbound.endpoint(receiver.url(), type).add("sources", Outbound.array(source)));

            Reply accepted = sendTraced(source, secret, eventId, "00-" + traceId + "-" + callerSpanId + "-01",
                    Json.createObjectBuilder().add("type", type).add("data", Outbound.data()).build().toString());
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);

            Request attempt = receiver.awaitRequests(1).get(0);
            Waits.await("the event on webhooks.events").until(() -> !published.received().isEmpty());
            List<ExportedSpan> trace = awaitSpans(traceId, SpanKind.SPAN_KIND_SERVER, SpanKind.SPAN_KIND_PRODUCER,
                    SpanKind.SPAN_KIND_CONSUMER, SpanKind.SPAN_KIND_CLIENT);
            print("Trace of a routed inbound webhook", trace);

            ExportedSpan request = only(trace, SpanKind.SPAN_KIND_SERVER);
            ExportedSpan stored = only(trace, SpanKind.SPAN_KIND_PRODUCER);
            ExportedSpan processed = only(trace, SpanKind.SPAN_KIND_CONSUMER);
            ExportedSpan delivered = only(trace, SpanKind.SPAN_KIND_CLIENT);
            assertThat(request.name()).endsWith("/webhooks/{source}").startsWith("POST ");
            assertThat(request.parentSpanId()).as("the caller's span").isEqualTo(callerSpanId);
            assertThat(stored.name()).isEqualTo("send webhooks.inbound");
            assertThat(stored.parentSpanId()).isEqualTo(request.spanId());
            assertThat(processed.name()).isEqualTo("process webhooks.inbound");
            assertThat(processed.parentSpanId()).as("carried by the message on webhooks.inbound").isEqualTo(stored.spanId());
            assertThat(delivered.name()).isEqualTo("deliver webhook");
            assertThat(delivered.parentSpanId()).as("carried by the outbox's event").isEqualTo(processed.spanId());
            assertThat(delivered.service()).isEqualTo("hookbridge");
            assertThat(attribute(delivered, "http.response.status_code")).contains("200");
            assertThat(processed.startNanos()).isGreaterThanOrEqualTo(stored.startNanos());
            assertThat(delivered.startNanos()).isGreaterThanOrEqualTo(processed.startNanos());

            assertThat(attempt.header("traceparent")).as("the attempt's trace context")
                    .contains("00-" + traceId + "-" + delivered.spanId() + "-01");
            Message message = published.received().get(0);
            assertThat(message.getStringProperty("traceparent")).as("the trace context on webhooks.events")
                    .isEqualTo("00-" + traceId + "-" + processed.spanId() + "-01");
        }
    }

    @Test
    void webhooksStoredTogetherEachKeepTheirOwnTrace() throws Exception {
        String source = Fixtures.uniqueName("traced-many");
        String secret = Fixtures.createStandardSource(source);
        int count = 12;
        List<String> traceIds = new ArrayList<>();
        List<Callable<Reply>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String traceId = hex(16);
            traceIds.add(traceId);
            String traceparent = "00-" + traceId + "-" + hex(8) + "-01";
            sends.add(() -> sendTraced(source, secret, "msg_" + UUID.randomUUID(), traceparent, Fixtures.standardBody("traced.many")));
        }
        // Sent at once, so that some are likely stored in one transaction and processed from one group message.
        ExecutorService senders = Executors.newFixedThreadPool(count);
        try {
            for (Future<Reply> sent : senders.invokeAll(sends)) {
                assertThat(sent.get().status()).as(sent.get().toString()).isEqualTo(200);
            }
        } finally {
            senders.shutdown();
        }
        for (String traceId : traceIds) {
            List<ExportedSpan> trace = awaitSpans(traceId, SpanKind.SPAN_KIND_SERVER, SpanKind.SPAN_KIND_PRODUCER,
                    SpanKind.SPAN_KIND_CONSUMER);
            assertThat(only(trace, SpanKind.SPAN_KIND_CONSUMER).parentSpanId()).as("trace %s", traceId)
                    .isEqualTo(only(trace, SpanKind.SPAN_KIND_PRODUCER).spanId());
        }
    }

    @Test
    void anEventPublishedThroughTheApiIsDeliveredInTheCallersTrace() {
        String type = Outbound.uniqueType("traced.published");
        String traceId = hex(16);
        try (Receiver receiver = Receiver.start()) {
            Outbound.createEndpoint(receiver.url(), type);
            String body = Json.createObjectBuilder().add("type", type).add("data", Outbound.data()).build().toString();

            Reply published = Http.admin().header("traceparent", "00-" + traceId + "-" + hex(8) + "-01").postJson("/api/events", body);
            assertThat(published.status()).as(published.toString()).isEqualTo(202);

            Request attempt = receiver.awaitRequests(1).get(0);
            List<ExportedSpan> trace = awaitSpans(traceId, SpanKind.SPAN_KIND_SERVER, SpanKind.SPAN_KIND_CLIENT);
            print("Trace of an event published through the API", trace);
            ExportedSpan api = only(trace, SpanKind.SPAN_KIND_SERVER);
            ExportedSpan delivered = only(trace, SpanKind.SPAN_KIND_CLIENT);
            assertThat(api.name()).startsWith("POST ").endsWith("/events");
            assertThat(delivered.parentSpanId()).isEqualTo(api.spanId());
            assertThat(attempt.header("traceparent")).contains("00-" + traceId + "-" + delivered.spanId() + "-01");
        }
        assertThat(TestStack.traces().refused()).as("posts other than traces").isEmpty();
    }

    private static Reply sendTraced(String source, String secret, String id, String traceparent, String body) {
        long ts = Instant.now().getEpochSecond();
        return Http.anonymous()
                .header("traceparent", traceparent)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(ts))
                .header("webhook-signature", Signer.standard(secret, id, ts, body))
                .post("/webhooks/" + source, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** The trace's spans, once it has one of each kind asked for. */
    private static List<ExportedSpan> awaitSpans(String traceId, SpanKind... kinds) {
        return Waits.await("the spans " + List.of(kinds) + " of trace " + traceId).until(
                () -> TestStack.traces().spansOfTrace(traceId),
                spans -> List.of(kinds).stream().allMatch(kind -> spans.stream().anyMatch(s -> s.kind() == kind)));
    }

    private static ExportedSpan only(List<ExportedSpan> trace, SpanKind kind) {
        List<ExportedSpan> ofKind = trace.stream().filter(s -> s.kind() == kind).toList();
        assertThat(ofKind).as("%s spans in %s", kind, trace).hasSize(1);
        return ofKind.get(0);
    }

    private static Optional<String> attribute(ExportedSpan span, String key) {
        return span.raw().getAttributesList().stream().filter(a -> a.getKey().equals(key)).findFirst()
                .map(a -> a.getValue().hasIntValue() ? Long.toString(a.getValue().getIntValue()) : a.getValue().getStringValue());
    }

    /** The trace as the closing notes show it: each span with its parent and duration, in start order. */
    private static void print(String title, List<ExportedSpan> trace) {
        System.out.println(title + ":");
        trace.stream().sorted((a, b) -> Long.compare(a.startNanos(), b.startNanos()))
                .forEach(span -> System.out.println("  " + span));
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
