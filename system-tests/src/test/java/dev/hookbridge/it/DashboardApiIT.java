package dev.hookbridge.it;

import dev.hookbridge.it.handlers.TestEventHandlers;
import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Problems;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Answer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API parts the dashboard needs (docs/api.md): {@code /api/overview}, the inbox filters by
 * type and time, endpoint health, the reason an endpoint disabled through the API shows, and who
 * may open the dashboard. Other tests share the stack, so counts are compared before and after.
 */
@SystemTest
class DashboardApiIT {

    @Test
    void overviewCountsInboundEventsAndDeliveriesOfTheWindow() {
        JsonObject before = overview("PT1H", "PT5M");
        String source = Fixtures.uniqueName("overview");
        String secret = Fixtures.createStandardSource(source);
        String processed = Fixtures.sendStandard(source, secret, "ov-1", Fixtures.standardBody("thing.happened")).json().getString("inboxId");
        String dead = Fixtures.sendStandard(source, secret, "ov-2", Fixtures.standardBody(TestEventHandlers.POISON)).json().getString("inboxId");
        Fixtures.awaitStatus(processed, "PROCESSED");
        Fixtures.awaitStatus(dead, "DEAD");

        try (Receiver receiver = Receiver.start()) {
            String type = Outbound.uniqueType("overview");
            receiver.thenFor("ov-dead", Answer.of(500), Answer.of(500), Answer.of(500), Answer.of(500));
            String endpoint = Outbound.createEndpoint(receiver.url(), type).getString("id");
            // One after the other, so that the 4 failures are the endpoint's last attempts, in a row.
            Outbound.publish("ov-ok", type, Outbound.data());
            Outbound.awaitDelivery(Outbound.deliveryId("ov-ok", endpoint), "DELIVERED");
            Outbound.publish("ov-dead", type, Outbound.data());
            Outbound.awaitDelivery(Outbound.deliveryId("ov-dead", endpoint), "DEAD");

            JsonObject after = overview("PT1H", "PT5M");
            assertThat(count(after, "inbound", "accepted") - count(before, "inbound", "accepted")).isGreaterThanOrEqualTo(2);
            assertThat(count(after, "inbound", "processed") - count(before, "inbound", "processed")).isGreaterThanOrEqualTo(1);
            assertThat(count(after, "inbound", "dead") - count(before, "inbound", "dead")).isGreaterThanOrEqualTo(1);
            assertThat(count(after, "outbound", "delivered") - count(before, "outbound", "delivered")).isGreaterThanOrEqualTo(1);
            assertThat(count(after, "outbound", "dead") - count(before, "outbound", "dead")).isGreaterThanOrEqualTo(1);

            // The series is the window cut into buckets: 12 of 5 minutes, summing to the totals.
            assertThat(after.getJsonArray("series")).hasSize(12);
            assertThat(after.getJsonNumber("bucketSeconds").longValue()).isEqualTo(300);
            assertThat(Instant.parse(after.getString("to"))).isAfter(Instant.parse(after.getString("from")));
            assertThat(sum(after, "inboundAccepted")).isEqualTo(count(after, "inbound", "accepted"));
            assertThat(sum(after, "inboundDead")).isEqualTo(count(after, "inbound", "dead"));
            assertThat(sum(after, "outboundDelivered")).isEqualTo(count(after, "outbound", "delivered"));
            assertThat(sum(after, "outboundDead")).isEqualTo(count(after, "outbound", "dead"));
            // This test's events are in the last bucket (now), not in an older one.
            JsonObject last = after.getJsonArray("series").getJsonObject(11);
            assertThat(last.getJsonNumber("outboundDead").longValue()).isGreaterThanOrEqualTo(1);

            // The endpoint whose last attempt failed is listed as failing now.
            assertThat(after.getJsonArray("failingEndpoints").getValuesAs(JsonObject.class))
                    .anySatisfy(e -> {
                        assertThat(e.getString("id")).isEqualTo(endpoint);
                        assertThat(e.getInt("consecutiveFailures")).isEqualTo(4);
                    });
        }
    }

    @Test
    void overviewShowsTheOldestPendingDeliveryAndTheBacklog() {
        try (Receiver receiver = Receiver.start()) {
            String type = Outbound.uniqueType("backlog");
            JsonObject created = Outbound.createEndpoint(Outbound.endpoint(receiver.url(), type).add("enabled", false));
            String endpoint = created.getString("id");
            Outbound.publish("backlog-1", type, Outbound.data());
            String deliveryId = Outbound.deliveryId("backlog-1", endpoint);

            JsonObject overview = overview("P1D", null);
            assertThat(overview.getJsonArray("series")).hasSize(12);
            assertThat(overview.getJsonNumber("pendingNow").longValue()).isGreaterThanOrEqualTo(1);
            JsonObject oldest = overview.getJsonObject("oldestPending");
            assertThat(Long.parseLong(oldest.getString("deliveryId"))).isLessThanOrEqualTo(Long.parseLong(deliveryId));
            assertThat(oldest.getJsonNumber("ageSeconds").longValue()).isGreaterThanOrEqualTo(0);
            Http.admin().delete("/api/endpoints/" + endpoint);
        }
    }

    @Test
    void apiAnswersAndDashboardFilesForbidFramingSniffingAndForeignScripts() {
        for (Reply reply : List.of(Http.admin().get("/api/overview"), Http.admin().get("/api/no-such-thing"),
                Http.admin().get("/dashboard/dashboard.js"), Http.admin().get("/dashboard/"),
                Http.anonymous().get("/dashboard/"), Http.anonymous().get("/api/overview"))) {
            assertThat(reply.header("Content-Security-Policy")).as(reply.toString()).hasValue("default-src 'self'; frame-ancestors 'none'");
            assertThat(reply.header("X-Content-Type-Options")).as(reply.toString()).hasValue("nosniff");
            assertThat(reply.header("X-Frame-Options")).as(reply.toString()).hasValue("DENY");
        }
    }

    @Test
    void overviewRefusesWindowsAndBucketsOutOfRange() {
        Problems.assertInvalidField(Http.admin().get("/api/overview?window=P90D"), "window");
        Problems.assertInvalidField(Http.admin().get("/api/overview?window=one-hour"), "window");
        Problems.assertInvalidField(Http.admin().get("/api/overview?window=P1D&bucket=PT1S"), "bucket");
        Problems.assertInvalidField(Http.admin().get("/api/overview?window=PT1H&bucket=PT0S"), "bucket");
        assertThat(Http.viewer().get("/api/overview").status()).isEqualTo(200);
        Problems.assertProblem(Http.anonymous().get("/api/overview"), 401);
    }

    @Test
    void inboxFiltersByTypeAndTimeOfReceipt() {
        String source = Fixtures.uniqueName("filters");
        String secret = Fixtures.createStandardSource(source);
        String invoicePaid = Fixtures.sendStandard(source, secret, "f-1", Fixtures.standardBody("invoice.paid")).json().getString("inboxId");
        String invoiceDue = Fixtures.sendStandard(source, secret, "f-2", Fixtures.standardBody("invoice_due")).json().getString("inboxId");
        String orderCreated = Fixtures.sendStandard(source, secret, "f-3", Fixtures.standardBody("order.created")).json().getString("inboxId");

        assertThat(ids("source=" + source + "&type=invoice.paid")).containsExactly(invoicePaid);
        // A prefix: "invoice.*" is invoice. and more; '_' in "invoice_due" is no wildcard for "invoice.".
        assertThat(ids("source=" + source + "&type=invoice.*")).containsExactly(invoicePaid);
        assertThat(ids("source=" + source + "&type=invoice*")).containsExactly(invoicePaid, invoiceDue);
        assertThat(ids("source=" + source + "&type=*")).containsExactly(invoicePaid, invoiceDue, orderCreated);

        Instant second = Instant.parse(Fixtures.inboxDetail(invoiceDue).getString("receivedAt"));
        Instant third = Instant.parse(Fixtures.inboxDetail(orderCreated).getString("receivedAt"));
        assertThat(ids("source=" + source + "&since=" + second)).containsExactly(invoiceDue, orderCreated);
        assertThat(ids("source=" + source + "&since=" + second + "&until=" + third)).containsExactly(invoiceDue);
        assertThat(ids("source=" + source + "&until=" + second)).containsExactly(invoicePaid);

        Problems.assertInvalidField(Http.admin().get("/api/inbox?since=yesterday"), "since");
        Problems.assertInvalidField(Http.admin().get("/api/inbox?until=2026-13-01T00:00:00Z"), "until");
    }

    @Test
    void theInboxAndDeliveriesListNewestFirstUnlessAskedForOldestAndTheCursorKeepsTheOrder() {
        String source = Fixtures.uniqueName("order");
        String secret = Fixtures.createStandardSource(source);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(Fixtures.sendStandard(source, secret, "o-" + i, Fixtures.standardBody("order.test")).json().getString("inboxId"));
        }
        List<String> newestFirst = List.of(sent.get(2), sent.get(1), sent.get(0));

        assertThat(pageIds("/api/inbox?source=" + source)).containsExactlyElementsOf(newestFirst);
        assertThat(pageIds("/api/inbox?order=newest&source=" + source)).containsExactlyElementsOf(newestFirst);
        assertThat(pageIds("/api/inbox?order=oldest&source=" + source)).containsExactlyElementsOf(sent);
        // One at a time, following next: the cursor continues in the order asked for.
        List<String> walked = new ArrayList<>();
        String next = null;
        do {
            Reply page = Http.admin().get("/api/inbox?limit=1&source=" + source + (next == null ? "" : "&after=" + next));
            page.items().forEach(v -> walked.add(v.asJsonObject().getString("id")));
            next = page.json().isNull("next") ? null : page.json().getString("next");
        } while (next != null && walked.size() < 10);
        assertThat(walked).containsExactlyElementsOf(newestFirst);
        Problems.assertInvalidField(Http.admin().get("/api/inbox?order=latest"), "order");

        String type = Outbound.uniqueType("ordered");
        String endpointId = Outbound.createEndpoint("http://127.0.0.1:9/ordered", type).getString("id");
        List<String> events = List.of(Outbound.publish(type), Outbound.publish(type));
        List<String> deliveries = events.stream().map(event -> Outbound.deliveryId(event, endpointId)).toList();
        assertThat(pageIds("/api/deliveries?endpoint=" + endpointId)).containsExactly(deliveries.get(1), deliveries.get(0));
        assertThat(pageIds("/api/deliveries?order=oldest&endpoint=" + endpointId)).containsExactlyElementsOf(deliveries);
        Problems.assertInvalidField(Http.admin().get("/api/deliveries?order=up"), "order");
        Http.admin().delete("/api/endpoints/" + endpointId);
    }

    private static List<String> pageIds(String path) {
        Reply reply = Http.admin().get(path);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.items().getValuesAs(JsonObject.class).stream().map(e -> e.getString("id")).toList();
    }

    @Test
    void endpointHealthFollowsFailuresAndSuccesses() {
        try (Receiver receiver = Receiver.start()) {
            String type = Outbound.uniqueType("health");
            receiver.then(Answer.of(500), Answer.of(502), Answer.of(500), Answer.of(503)).otherwise(Answer.of(200));
            String endpoint = Outbound.createEndpoint(receiver.url(), type).getString("id");
            JsonObject fresh = Outbound.getEndpoint(endpoint).getJsonObject("health");
            assertThat(fresh.getInt("consecutiveFailures")).isZero();
            assertThat(fresh.isNull("successRate")).isTrue();
            assertThat(fresh.isNull("lastSuccessAt")).isTrue();

            Outbound.publish("health-1", type, Outbound.data());
            String deliveryId = Outbound.deliveryId("health-1", endpoint);
            Outbound.awaitDelivery(deliveryId, "DEAD");
            JsonObject failing = Outbound.getEndpoint(endpoint).getJsonObject("health");
            assertThat(failing.getInt("consecutiveFailures")).isEqualTo(4);
            assertThat(failing.getJsonNumber("attemptsLastDay").longValue()).isEqualTo(4);
            assertThat(failing.getJsonNumber("successRate").doubleValue()).isEqualTo(0.0);
            assertThat(failing.isNull("failingSince")).isFalse();
            assertThat(failing.isNull("lastFailureAt")).isFalse();
            assertThat(failing.isNull("lastSuccessAt")).isTrue();

            assertThat(Http.admin().post("/api/deliveries/" + deliveryId + "/retry", null, new byte[0]).status()).isEqualTo(202);
            Outbound.awaitDelivery(deliveryId, "DELIVERED");
            JsonObject healthy = Outbound.getEndpoint(endpoint).getJsonObject("health");
            assertThat(healthy.getInt("consecutiveFailures")).isZero();
            assertThat(healthy.isNull("failingSince")).isTrue();
            assertThat(healthy.isNull("lastSuccessAt")).isFalse();
            assertThat(healthy.getJsonNumber("attemptsLastDay").longValue()).isEqualTo(5);
            assertThat(healthy.getJsonNumber("successesLastDay").longValue()).isEqualTo(1);
            assertThat(healthy.getJsonNumber("successRate").doubleValue()).isEqualTo(0.2);

            // The list shows the same health as the single endpoint.
            JsonObject listed = Http.admin().get("/api/endpoints?limit=500").items().getValuesAs(JsonObject.class).stream()
                    .filter(e -> e.getString("id").equals(endpoint)).findFirst().orElseThrow();
            assertThat(listed.getJsonObject("health")).isEqualTo(healthy);
        }
    }

    @Test
    void anEndpointDisabledThroughTheApiSaysSoAndKeepsAnEarlierReason() {
        String type = Outbound.uniqueType("disable");
        JsonObject created = Outbound.createEndpoint("http://127.0.0.1:9/hook", type);
        String id = created.getString("id");
        String definition = Outbound.endpoint("http://127.0.0.1:9/hook", type).add("enabled", false).build().toString();
        Reply disabled = Http.admin().putJson("/api/endpoints/" + id, definition);
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.json().getString("disabledReason")).startsWith("disabled through the API at ");

        Reply again = Http.admin().putJson("/api/endpoints/" + id, definition);
        assertThat(again.json().getString("disabledReason")).isEqualTo(disabled.json().getString("disabledReason"));

        Reply enabled = Http.admin().putJson("/api/endpoints/" + id,
                Outbound.endpoint("http://127.0.0.1:9/hook", type).add("enabled", true).build().toString());
        assertThat(enabled.json().get("disabledReason")).isIn(null, JsonValue.NULL);
        Http.admin().delete("/api/endpoints/" + id);
    }

    @Test
    void theDashboardNeedsALoginAndBothRolesMayOpenIt() {
        Reply anonymous = Http.anonymous().get("/dashboard/");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        for (Http user : List.of(Http.admin(), Http.viewer())) {
            Reply page = user.get("/dashboard/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.body()).contains("dashboard.js");
            assertThat(user.get("/dashboard/dashboard.js").status()).isEqualTo(200);
        }
        assertThat(Http.as("admin", "wrong").get("/dashboard/").status()).isEqualTo(401);
    }

    @Test
    void theServersRootLeadsToTheDashboard() {
        Reply root = Http.anonymous().get("/");

        assertThat(root.status()).as(root.toString()).isEqualTo(302);
        assertThat(root.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/dashboard/"));
    }

    private static JsonObject overview(String window, String bucket) {
        Reply reply = Http.admin().get("/api/overview?window=" + window + (bucket == null ? "" : "&bucket=" + bucket));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static long count(JsonObject overview, String side, String name) {
        return overview.getJsonObject(side).getJsonNumber(name).longValue();
    }

    private static long sum(JsonObject overview, String field) {
        return overview.getJsonArray("series").getValuesAs(JsonObject.class).stream()
                .mapToLong(b -> b.getJsonNumber(field).longValue()).sum();
    }

    private static List<String> ids(String query) {
        Reply reply = Http.admin().get("/api/inbox?order=oldest&" + query);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.items().getValuesAs(JsonObject.class).stream().map(e -> e.getString("id")).toList();
    }
}
