package dev.hookbridge.it;

import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Problems;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Answer;
import dev.hookbridge.testsupport.Receiver.Request;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound delivery (docs/outbound.md, "Delivery") to a real loopback receiver: the Standard
 * Webhooks body, headers and signature; endpoint filters; retries on the (test) schedule of 1 s,
 * 1 s, 2 s, i.e. 4 attempts; Retry-After; DEAD with one alert on webhooks.outbound.dead; manual
 * retry and recover; redirects not followed; 410 disabling the endpoint without dropping what is
 * queued for it.
 */
@SystemTest
class OutboundDeliveryIT {

    @Test
    void publishedEventIsDeliveredOnceToEachMatchingEndpointSignedWithItsOwnSecret() {
        String type = Outbound.uniqueType("order.created");
        try (Receiver first = Receiver.start(); Receiver second = Receiver.start()) {
            JsonObject a = Outbound.createEndpoint(Outbound.endpoint(first.url(), type)
                    .add("headers", Json.createObjectBuilder().add("X-Tenant", "acme")));
            JsonObject b = Outbound.createEndpoint(second.url(), type);
            JsonObject data = Json.createObjectBuilder().add("orderId", "o-1").add("amount", 42)
                    .add("lines", Json.createArrayBuilder().add(Json.createObjectBuilder().add("sku", "äöü-€"))).build();

            String eventId = Outbound.publish(type, data);

            Request request = first.awaitRequests(eventId, 1).get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/hook");
            assertThat(request.header("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            assertThat(request.header("webhook-id")).hasValue(eventId);
            assertThat(request.header("webhook-timestamp")).hasValueSatisfying(ts -> {
                assertThat(ts).matches("\\d+");
                assertThat(Math.abs(Long.parseLong(ts) - Instant.now().getEpochSecond())).isLessThan(300);
            });
            assertThat(request.signatureEntries()).as("one v1 entry per active secret").hasSize(1);
            assertThat(request.verifySignature(List.of(a.getString("secret")))).as("signature of %s", request).isTrue();
            assertThat(request.verifySignature(List.of(b.getString("secret")))).as("another endpoint's secret").isFalse();
            assertThat(request.header("X-Tenant")).as("the endpoint's custom header").hasValue("acme");
            JsonObject body = request.json();
            assertThat(body.keySet()).containsExactlyInAnyOrder("id", "type", "timestamp", "data");
            assertThat(body.getString("id")).isEqualTo(eventId);
            assertThat(body.getString("type")).isEqualTo(type);
            assertThat(Instant.from(DateTimeFormatter.ISO_DATE_TIME.parse(body.getString("timestamp"))))
                    .isBetween(Instant.now().minusSeconds(300), Instant.now().plusSeconds(300));
            assertThat(body.getJsonObject("data")).isEqualTo(data);

            Request other = second.awaitRequests(eventId, 1).get(0);
            assertThat(other.header("webhook-id")).as("webhook-id is the event id for every endpoint").hasValue(eventId);
            assertThat(other.verifySignature(List.of(b.getString("secret")))).as("signature of %s", other).isTrue();
            assertThat(other.verifySignature(List.of(a.getString("secret")))).isFalse();
            assertThat(other.json().getJsonObject("data")).isEqualTo(data);

            for (JsonObject endpoint : List.of(a, b)) {
                JsonObject delivery = Outbound.awaitDelivery(Outbound.deliveryId(eventId, endpoint.getString("id")), "DELIVERED");
                assertThat(delivery.getString("eventId")).isEqualTo(eventId);
                assertThat(delivery.getString("endpointId")).isEqualTo(endpoint.getString("id"));
                assertThat(Outbound.statusCodes(delivery)).containsExactly(200);
                JsonObject attempt = delivery.getJsonArray("attempts").getJsonObject(0);
                assertThat(Instant.from(DateTimeFormatter.ISO_DATE_TIME.parse(attempt.getString("attemptedAt")))).isNotNull();
                assertThat(attempt.getJsonNumber("latencyMs").longValue()).isNotNegative();
                assertThat(attempt.getString("response")).isEqualTo("answer 200");
            }

            // Once a later event has been delivered too, a second copy of the first had its chance.
            String marker = Outbound.publish(type);
            first.awaitRequests(marker, 1);
            second.awaitRequests(marker, 1);
            Outbound.awaitDelivery(Outbound.deliveryId(marker, a.getString("id")), "DELIVERED");
            assertThat(first.requests(eventId)).hasSize(1);
            assertThat(second.requests(eventId)).hasSize(1);

            Reply event = Http.admin().get("/api/events/" + eventId);
            assertThat(event.status()).as(event.toString()).isEqualTo(200);
            assertThat(event.json().getString("id")).isEqualTo(eventId);
            assertThat(event.json().getString("type")).isEqualTo(type);
            assertThat(event.json().getJsonObject("data")).isEqualTo(data);
        }
    }

    @Test
    void customHeadersCannotReplaceTheWebhookHeaders() {
        String type = Outbound.uniqueType("order.created");
        try (Receiver receiver = Receiver.start()) {
            Reply created = Http.admin().postJson("/api/endpoints", Outbound.endpoint(receiver.url(), type)
                    .add("headers", Json.createObjectBuilder()
                            .add("webhook-id", "forged").add("webhook-signature", "v1,Zm9yZ2Vk")
                            .add("Content-Type", "text/plain").add("X-Tenant", "acme"))
                    .build().toString());
            if (created.status() == 400) {
                Problems.assertInvalidField(created, "headers");
                return;
            }
            assertThat(created.status()).as(created.toString()).isEqualTo(201);

            String eventId = Outbound.publish(type);

            Request request = receiver.awaitRequests(eventId, 1).get(0);
            assertThat(request.headers().get("webhook-id")).as("webhook-id values").containsExactly(eventId);
            assertThat(request.signatureEntries()).as("signature entries").hasSize(1);
            assertThat(request.verifySignature(List.of(created.json().getString("secret")))).isTrue();
            assertThat(request.headers().get("content-type")).hasSize(1)
                    .allSatisfy(v -> assertThat(v).startsWith("application/json"));
            assertThat(request.header("X-Tenant")).hasValue("acme");
        }
    }

    @Test
    void onlyEnabledEndpointsWhoseExactOrPrefixFilterMatchesGetTheEvent() {
        String ns = Outbound.typePrefix();
        try (Receiver orders = Receiver.start(); Receiver invoices = Receiver.start(); Receiver off = Receiver.start()) {
            String ordersId = Outbound.createEndpoint(orders.url(), ns + ".order.*").getString("id");
            String invoicesId = Outbound.createEndpoint(invoices.url(), ns + ".invoice.paid").getString("id");
            JsonObject disabled = Outbound.createEndpoint(Outbound.endpoint(off.url(), ns + ".order.*", ns + ".invoice.paid")
                    .add("enabled", false));
            assertThat(disabled.getBoolean("enabled")).isFalse();

            String created = Outbound.publish(ns + ".order.created");
            String shipped = Outbound.publish(ns + ".order.shipped");
            String paid = Outbound.publish(ns + ".invoice.paid");
            String refunded = Outbound.publish(ns + ".invoice.refunded");
            String lookalike = Outbound.publish(ns + ".orders.created");

            for (String event : List.of(created, shipped)) {
                Outbound.awaitDelivery(Outbound.deliveryId(event, ordersId), "DELIVERED");
            }
            Outbound.awaitDelivery(Outbound.deliveryId(paid, invoicesId), "DELIVERED");

            assertThat(orders.requests()).extracting(Request::webhookId).containsExactlyInAnyOrder(created, shipped);
            assertThat(invoices.requests()).extracting(Request::webhookId).containsExactly(paid);
            assertThat(off.requests()).as("requests to the disabled endpoint").isEmpty();
            // Deliveries are written with the event, so an event that matches nothing has none.
            assertThat(Outbound.deliveries("event=" + Outbound.encode(refunded))).as("deliveries of an unmatched type").isEmpty();
            assertThat(Outbound.deliveries("event=" + Outbound.encode(lookalike))).as("deliveries of %s.orders.created", ns).isEmpty();
            assertThat(Outbound.deliveries("event=" + Outbound.encode(created))).extracting(d -> d.getString("endpointId"))
                    .contains(ordersId).doesNotContain(invoicesId);
            assertThat(Outbound.deliveries("endpoint=" + disabled.getString("id")))
                    .noneMatch(d -> d.getString("status").equals("DELIVERED"));
        }
    }

    @Test
    void failedAttemptsAreRetriedHonouringRetryAfterAndAllAttemptsAreRecorded() {
        String type = Outbound.uniqueType("order.created");
        try (Receiver receiver = Receiver.start()) {
            receiver.then(Answer.of(500, "first failure"), Answer.retryAfter(503, "1")).otherwise(Answer.of(200));
            JsonObject endpoint = Outbound.createEndpoint(receiver.url(), type);
            String secret = endpoint.getString("secret");

            String eventId = Outbound.publish(type);
            String deliveryId = Outbound.deliveryId(eventId, endpoint.getString("id"));

            JsonObject delivery = Outbound.awaitDelivery(deliveryId, "DELIVERED");
            assertThat(delivery.getString("id")).isEqualTo(deliveryId);
            assertThat(delivery.getString("eventId")).isEqualTo(eventId);
            assertThat(delivery.getString("endpointId")).isEqualTo(endpoint.getString("id"));
            assertThat(Outbound.statusCodes(delivery)).containsExactly(500, 503, 200);
            List<JsonObject> attempts = delivery.getJsonArray("attempts").getValuesAs(JsonValue::asJsonObject);
            assertThat(attempts.get(0).getString("response")).as("the response is recorded").contains("first failure");
            Instant previous = Instant.EPOCH;
            for (JsonObject attempt : attempts) {
                Instant at = Instant.from(DateTimeFormatter.ISO_DATE_TIME.parse(attempt.getString("attemptedAt")));
                assertThat(at).as("attempts in order: %s", attempts).isAfterOrEqualTo(previous);
                assertThat(attempt.getJsonNumber("latencyMs").longValue()).isNotNegative();
                previous = at;
            }

            List<Request> requests = receiver.requests();
            assertThat(requests).hasSize(3);
            assertThat(requests).allSatisfy(r -> {
                assertThat(r.header("webhook-id")).as("webhook-id on every attempt").hasValue(eventId);
                assertThat(r.verifySignature(List.of(secret))).as("signature of %s", r).isTrue();
                assertThat(r.json().getString("id")).isEqualTo(eventId);
            });
        }
    }

    @Test
    void anAttemptRecordsTheFirst4KibOfTheResponse() {
        String type = Outbound.uniqueType("order.created");
        String big = "0123456789abcdef".repeat(1024);
        try (Receiver receiver = Receiver.start()) {
            receiver.then(Answer.of(500, big)).otherwise(Answer.of(200));
            JsonObject endpoint = Outbound.createEndpoint(receiver.url(), type);

            String eventId = Outbound.publish(type);

            JsonObject delivery = Outbound.awaitDelivery(Outbound.deliveryId(eventId, endpoint.getString("id")), "DELIVERED");
            assertThat(Outbound.statusCodes(delivery)).containsExactly(500, 200);
            String recorded = delivery.getJsonArray("attempts").getJsonObject(0).getString("response");
            assertThat(recorded).isEqualTo(big.substring(0, 4096));
        }
    }

    @Test
    void retryAfterBeyondTheScheduleIsClampedToItsBounds() {
        String type = Outbound.uniqueType("order.created");
        try (Receiver receiver = Receiver.start()) {
            // An hour is far beyond the test schedule's longest delay (2 s): honouring it unclamped never delivers.
            receiver.then(Answer.retryAfter(429, "3600")).otherwise(Answer.of(200));
            JsonObject endpoint = Outbound.createEndpoint(receiver.url(), type);

            String eventId = Outbound.publish(type);

            JsonObject delivery = Outbound.awaitDelivery(Outbound.deliveryId(eventId, endpoint.getString("id")), "DELIVERED");
            assertThat(Outbound.statusCodes(delivery)).containsExactly(429, 200);
            assertThat(receiver.requests(eventId)).hasSize(2);
        }
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsAFailedAttemptWithItsError() {
        String type = Outbound.uniqueType("order.created");
        try (Receiver receiver = Receiver.start()) {
            // The test stack's timeout is 5 s.
            receiver.then(Answer.slow(Duration.ofSeconds(12), 200)).otherwise(Answer.of(200));
            JsonObject endpoint = Outbound.createEndpoint(receiver.url(), type);

            String eventId = Outbound.publish(type);

            JsonObject delivery = Outbound.awaitDelivery(Outbound.deliveryId(eventId, endpoint.getString("id")), "DELIVERED");
            List<JsonObject> attempts = delivery.getJsonArray("attempts").getValuesAs(JsonValue::asJsonObject);
            assertThat(attempts).as("attempts of %s", delivery).hasSize(2);
            assertThat(attempts.get(0).getString("error", "")).as("error of the timed-out attempt").isNotBlank();
            assertThat(Outbound.statusCodes(delivery).get(0)).as("status of the timed-out attempt").isNull();
            assertThat(attempts.get(1).getInt("statusCode")).isEqualTo(200);
        }
    }

    @Test
    void deliveryThatNeverSucceedsIsDeadWithOneAlertThenManualRetryDelivers() throws JMSException {
        String type = Outbound.uniqueType("order.created");
        try (Receiver receiver = Receiver.start()) {
            receiver.otherwise(Answer.of(500));
            JsonObject endpoint = Outbound.createEndpoint(receiver.url(), type);
            String endpointId = endpoint.getString("id");
            try (Jms.Subscription dead = new Jms.Subscription(Jms.asAdmin(), "webhooks.outbound.dead",
                    "endpointId = '" + endpointId + "'")) {

                String eventId = Outbound.publish(type);
                String deliveryId = Outbound.deliveryId(eventId, endpointId);

                JsonObject failed = Outbound.awaitDelivery(deliveryId, "DEAD");
                assertThat(Outbound.statusCodes(failed)).as("3 delays mean 4 attempts").containsExactly(500, 500, 500, 500);
                assertThat(receiver.requests()).hasSize(4)
                        .allSatisfy(r -> assertThat(r.header("webhook-id")).hasValue(eventId));
                assertThat(Outbound.deliveries("endpoint=" + endpointId + "&status=DEAD"))
                        .extracting(d -> d.getString("id")).containsExactly(deliveryId);
                assertThat(Outbound.deliveries("endpoint=" + endpointId + "&status=DELIVERED")).isEmpty();

                List<Message> alerts = Waits.await("the alert on webhooks.outbound.dead").until(dead::received, l -> !l.isEmpty());
                Message alert = alerts.get(0);
                assertThat(alert.getStringProperty("deliveryId")).isEqualTo(deliveryId);
                assertThat(alert.getStringProperty("eventId")).isEqualTo(eventId);
                assertThat(alert.getStringProperty("eventType")).isEqualTo(type);
                assertThat(alert.getStringProperty("endpointId")).isEqualTo(endpointId);
                assertThat(String.valueOf(alert.getObjectProperty("lastStatusCode"))).isEqualTo("500");
                assertThat(alert).isInstanceOf(TextMessage.class);
                JsonObject body = Json.createReader(new StringReader(((TextMessage) alert).getText())).readObject();
                assertThat(body.getString("id")).isEqualTo(deliveryId);
                assertThat(body.getString("eventId")).isEqualTo(eventId);
                assertThat(body.getString("endpointId")).isEqualTo(endpointId);
                assertThat(body.getString("status")).isEqualTo("DEAD");

                receiver.otherwise(Answer.of(200));
                Reply retry = Http.admin().post("/api/deliveries/" + deliveryId + "/retry", null, new byte[0]);
                assertThat(retry.status()).as(retry.toString()).isEqualTo(202);

                JsonObject delivered = Outbound.awaitDelivery(deliveryId, "DELIVERED");
                assertThat(Outbound.statusCodes(delivered)).containsExactly(500, 500, 500, 500, 200);
                assertThat(receiver.requests()).hasSize(5).allSatisfy(r -> {
                    assertThat(r.header("webhook-id")).as("webhook-id on every attempt").hasValue(eventId);
                    assertThat(r.verifySignature(List.of(endpoint.getString("secret")))).as("signature of %s", r).isTrue();
                });
                assertThat(dead.received()).as("alerts for the one dead delivery").hasSize(1);
            }
        }
    }

    @Test
    void anUnreachableEndpointsAttemptsRecordTheErrorAndEndDead() {
        String type = Outbound.uniqueType("order.created");
        String url;
        try (Receiver closed = Receiver.start()) {
            url = closed.url();
        }
        // Nothing listens on that port any more: every attempt fails to connect.
        String endpointId = Outbound.createEndpoint(url, type).getString("id");

        String eventId = Outbound.publish(type);

        JsonObject dead = Outbound.awaitDelivery(Outbound.deliveryId(eventId, endpointId), "DEAD");
        List<JsonObject> attempts = dead.getJsonArray("attempts").getValuesAs(JsonValue::asJsonObject);
        assertThat(attempts).as("attempts of %s", dead).hasSize(4);
        assertThat(attempts).allSatisfy(a -> assertThat(a.getString("error", "")).as("error of %s", a).isNotBlank());
        assertThat(Outbound.statusCodes(dead)).containsOnlyNulls();
    }

    @Test
    void redirectIsAFailedAttemptAndIsNotFollowed() {
        String type = Outbound.uniqueType("order.created");
        try (Receiver receiver = Receiver.start(); Receiver target = Receiver.start()) {
            receiver.then(Answer.redirect(302, target.url()), Answer.redirect(307, target.url())).otherwise(Answer.of(200));
            JsonObject endpoint = Outbound.createEndpoint(receiver.url(), type);

            String eventId = Outbound.publish(type);

            JsonObject delivery = Outbound.awaitDelivery(Outbound.deliveryId(eventId, endpoint.getString("id")), "DELIVERED");
            assertThat(Outbound.statusCodes(delivery)).containsExactly(302, 307, 200);
            assertThat(receiver.requests(eventId)).hasSize(3);
            assertThat(target.requests()).as("requests to the redirect target").isEmpty();
        }
    }

    @Test
    void goneDisablesTheEndpointAndWhatIsAlreadyQueuedForItIsSentOnceEnabledAgain() {
        String type = Outbound.uniqueType("order.created");
        String queued = "evt_queued_" + UUID.randomUUID();
        String gone = "evt_gone_" + UUID.randomUUID();
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver receiver = Receiver.start(); Receiver control = Receiver.start()) {
            // "queued" fails its first attempt at both endpoints at the same moment (held until the
            // 410 has disabled the endpoint); the control endpoint then needs 3 more attempts, by
            // which time the disabled endpoint's retry of "queued" was long due.
            receiver.thenFor(queued, Answer.heldUntil(release, 500)).thenFor(gone, Answer.of(410)).otherwise(Answer.of(200));
            control.thenFor(queued, Answer.heldUntil(release, 500), Answer.of(500), Answer.of(500)).otherwise(Answer.of(200));
            JsonObject endpoint = Outbound.createEndpoint(receiver.url(), type);
            String endpointId = endpoint.getString("id");
            String controlId = Outbound.createEndpoint(control.url(), type).getString("id");

            Outbound.publish(queued, type, Outbound.data());
            receiver.awaitRequests(queued, 1);
            control.awaitRequests(queued, 1);
            Outbound.publish(gone, type, Outbound.data());
            String goneDelivery = Outbound.deliveryId(gone, endpointId);
            JsonObject dead = Outbound.awaitDelivery(goneDelivery, "DEAD");
            assertThat(Outbound.statusCodes(dead)).as("410 is not retried").containsExactly(410);
            assertThat(Outbound.getEndpoint(endpointId).getBoolean("enabled")).as("enabled after 410").isFalse();
            release.countDown();

            JsonObject atControl = Outbound.awaitDelivery(Outbound.deliveryId(queued, controlId), "DELIVERED");
            assertThat(atControl.getJsonArray("attempts")).hasSize(4);
            String queuedDelivery = Outbound.deliveryId(queued, endpointId);
            JsonObject waiting = Outbound.delivery(queuedDelivery);
            assertThat(waiting.getString("status")).as("delivery for a disabled endpoint: %s", waiting).isEqualTo("PENDING");
            assertThat(waiting.getJsonArray("attempts")).as("attempts while disabled: %s", waiting).hasSize(1);
            assertThat(receiver.requests(queued)).hasSize(1);

            Reply enabled = Http.admin().putJson("/api/endpoints/" + endpointId,
                    Outbound.endpoint(receiver.url(), type).add("enabled", true).build().toString());
            assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
            assertThat(enabled.json().getBoolean("enabled")).isTrue();

            JsonObject delivered = Outbound.awaitDelivery(queuedDelivery, "DELIVERED");
            assertThat(delivered.getJsonArray("attempts")).hasSize(2);
            assertThat(Outbound.statusCodes(delivered).get(1)).isEqualTo(200);
            List<Request> requests = receiver.awaitRequests(queued, 2);
            assertThat(requests.get(1).verifySignature(List.of(endpoint.getString("secret")))).as("signature of %s", requests.get(1)).isTrue();
            assertThat(Outbound.delivery(goneDelivery).getString("status")).as("the 410 delivery stays dead").isEqualTo("DEAD");
            assertThat(receiver.requests(gone)).hasSize(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void eventsPublishedWhileTheEndpointIsDisabledAfter410WaitAndAreSentOnceEnabledAgain() {
        String type = Outbound.uniqueType("order.created");
        try (Receiver receiver = Receiver.start(); Receiver control = Receiver.start()) {
            receiver.then(Answer.of(410)).otherwise(Answer.of(200));
            JsonObject endpoint = Outbound.createEndpoint(receiver.url(), type);
            String endpointId = endpoint.getString("id");
            String controlId = Outbound.createEndpoint(control.url(), type).getString("id");

            String gone = Outbound.publish(type);
            Outbound.awaitDelivery(Outbound.deliveryId(gone, endpointId), "DEAD");
            assertThat(Outbound.getEndpoint(endpointId).getBoolean("enabled")).as("enabled after 410").isFalse();

            String waiting = Outbound.publish(type);
            // The same event reaching another endpoint shows the dispatcher had its chance.
            Outbound.awaitDelivery(Outbound.deliveryId(waiting, controlId), "DELIVERED");
            String waitingDelivery = Outbound.deliveryId(waiting, endpointId);
            JsonObject pending = Outbound.delivery(waitingDelivery);
            assertThat(pending.getString("status")).as("delivery for a disabled endpoint").isEqualTo("PENDING");
            assertThat(pending.getJsonArray("attempts")).isEmpty();
            assertThat(receiver.requests(waiting)).isEmpty();

            Reply enabled = Http.admin().putJson("/api/endpoints/" + endpointId,
                    Outbound.endpoint(receiver.url(), type).add("enabled", true).build().toString());
            assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);

            JsonObject delivered = Outbound.awaitDelivery(waitingDelivery, "DELIVERED");
            assertThat(Outbound.statusCodes(delivered)).containsExactly(200);
            Request request = receiver.awaitRequests(waiting, 1).get(0);
            assertThat(request.verifySignature(List.of(endpoint.getString("secret")))).as("signature of %s", request).isTrue();
        }
    }

    @Test
    void aSlowReceiverDoesNotHoldUpDeliveriesToOtherEndpoints() {
        String slowType = Outbound.uniqueType("order.created");
        String fastType = Outbound.uniqueType("order.created");
        String slowEvent = "evt_slow_" + UUID.randomUUID();
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver slow = Receiver.start(); Receiver fast = Receiver.start()) {
            // The slow receiver answers 200 only once the other endpoint got its event; a sender that
            // waits for it first times out (5 s in the test stack) and needs a second attempt.
            slow.thenFor(slowEvent, Answer.heldUntil(release, 200));
            String slowId = Outbound.createEndpoint(slow.url(), slowType).getString("id");
            Outbound.createEndpoint(fast.url(), fastType);

            Outbound.publish(slowEvent, slowType, Outbound.data());
            slow.awaitRequests(slowEvent, 1);
            String fastEvent = Outbound.publish(fastType);
            fast.awaitRequests(fastEvent, 1);
            release.countDown();

            JsonObject delivery = Outbound.awaitDelivery(Outbound.deliveryId(slowEvent, slowId), "DELIVERED");
            assertThat(Outbound.statusCodes(delivery)).as("attempts of the slow endpoint: %s", delivery).containsExactly(200);
        } finally {
            release.countDown();
        }
    }

    @Test
    void rateLimitSpreadsDeliveriesOutWithoutCountingHeldBackOnesAsAttempts() {
        String type = Outbound.uniqueType("order.created");
        int events = 10;
        try (Receiver receiver = Receiver.start()) {
            String endpointId = Outbound.createEndpoint(Outbound.endpoint(receiver.url(), type).add("rateLimitPerSecond", 2))
                    .getString("id");

            List<String> published = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                published.add(Outbound.publish(type));
            }

            for (String eventId : published) {
                JsonObject delivery = Outbound.awaitDelivery(Outbound.deliveryId(eventId, endpointId), "DELIVERED");
                assertThat(Outbound.statusCodes(delivery)).as("attempts of %s", delivery).containsExactly(200);
            }
            List<Request> requests = receiver.requests();
            assertThat(requests).extracting(Request::webhookId).containsExactlyInAnyOrderElementsOf(published);
            // 10 at 2 per second take at least 4 s after a burst of 2; without a limit they take milliseconds.
            Duration span = Duration.between(requests.get(0).receivedAt(), requests.get(requests.size() - 1).receivedAt());
            assertThat(span).as("time from the first to the last delivery at 2 per second").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void recoverRequeuesTheDeliveriesThatFailedSinceTheGivenTime() throws InterruptedException {
        String type = Outbound.uniqueType("order.created");
        try (Receiver receiver = Receiver.start()) {
            receiver.otherwise(Answer.of(500));
            JsonObject endpoint = Outbound.createEndpoint(receiver.url(), type);
            String endpointId = endpoint.getString("id");

            String before = Outbound.publish(type);
            String beforeDelivery = Outbound.deliveryId(before, endpointId);
            Outbound.awaitDelivery(beforeDelivery, "DEAD");
            // Seconds on either side of "since", so that neither delivery sits on the boundary.
            Thread.sleep(1_000);
            Instant since = Instant.now();
            Thread.sleep(1_000);
            String after = Outbound.publish(type);
            String afterDelivery = Outbound.deliveryId(after, endpointId);
            Outbound.awaitDelivery(afterDelivery, "DEAD");

            receiver.otherwise(Answer.of(200));
            Reply recover = Http.admin().post("/api/endpoints/" + endpointId + "/recover?since=" + Outbound.encode(since.toString()),
                    null, new byte[0]);
            assertThat(recover.status()).as(recover.toString()).isEqualTo(202);

            JsonObject delivered = Outbound.awaitDelivery(afterDelivery, "DELIVERED");
            assertThat(Outbound.statusCodes(delivered)).containsExactly(500, 500, 500, 500, 200);
            assertThat(receiver.requests(after)).hasSize(5);
            assertThat(Outbound.delivery(beforeDelivery).getString("status")).as("failed before 'since'").isEqualTo("DEAD");
            assertThat(receiver.requests(before)).hasSize(4);
        }
    }

    @Test
    void unknownDeliveriesAndEventsAre404() {
        Problems.assertProblem(Http.admin().post("/api/deliveries/999999999/retry", null, new byte[0]), 404);
        Problems.assertProblem(Http.admin().get("/api/deliveries/999999999"), 404);
        Problems.assertProblem(Http.admin().get("/api/events/no-such-event"), 404);
    }
}
