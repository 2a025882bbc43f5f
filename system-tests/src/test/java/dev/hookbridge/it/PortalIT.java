package dev.hookbridge.it;

import dev.hookbridge.stack.Credentials;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Problems;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Answer;
import dev.hookbridge.testsupport.Waits;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer portal's API (docs/customers.md, "Portal"): the shop opens a session for one
 * customer, whose bearer token then manages that customer's endpoints and deliveries and nothing
 * else: another customer's resources answer 404 whatever way they are named (id, filter, cursor), a
 * filter naming another customer 403, an expired, tampered or unknown token 401, and every call
 * that is the shop's own 403.
 */
@SystemTest
class PortalIT {

    @Test
    void theShopOpensASessionThatAnswersForItsCustomer() {
        String customer = createCustomer("Acme");
        Reply opened = Http.admin().postJson("/api/customers/" + customer + "/portal-sessions", "{\"lifetime\": \"PT30M\"}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String token = opened.json().getString("token");
        assertThat(token).startsWith("hbp_");
        assertThat(opened.json().getString("url")).isEqualTo(TestStack.baseUrl() + "/portal/#token=" + token);
        assertThat(opened.header("Cache-Control")).hasValue("no-store");
        Instant expiresAt = Instant.parse(opened.json().getString("expiresAt"));
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31)));

        Reply session = Http.bearer(token).get("/api/portal/session");
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        assertThat(session.json().getString("customer")).isEqualTo(customer);
        assertThat(session.json().getString("customerName")).isEqualTo("Acme");
        assertThat(Instant.parse(session.json().getString("expiresAt"))).isEqualTo(expiresAt);

        Problems.assertProblem(Http.admin().postJson("/api/customers/no-such-customer/portal-sessions", "{}"), 404);
        Problems.assertInvalidField(Http.admin().postJson("/api/customers/" + customer + "/portal-sessions",
                "{\"lifetime\": \"P2D\"}"), "lifetime");
        Problems.assertInvalidField(Http.admin().postJson("/api/customers/" + customer + "/portal-sessions",
                "{\"lifetime\": \"soon\"}"), "lifetime");
        Problems.assertProblem(Http.viewer().postJson("/api/customers/" + customer + "/portal-sessions", "{}"), 403);
        Problems.assertProblem(Http.admin().get("/api/portal/session"), 403);
    }

    @Test
    void aCustomerManagesItsEndpointsTestsOneAndRetriesAFailedDelivery() {
        String customer = createCustomer("Acme");
        Http portal = Http.bearer(openSession(customer));
        String type = Outbound.uniqueType("invoice.paid");
        try (Receiver receiver = Receiver.start()) {
            Reply created = portal.postJson("/api/endpoints", Outbound.endpoint(receiver.url(), type).build().toString());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String endpointId = created.json().getString("id");
            assertThat(created.json().getString("customer")).isEqualTo(customer);
            assertThat(created.json().getString("secret")).startsWith("whsec_");
            assertThat(portal.get("/api/endpoints").items()).extracting(e -> e.asJsonObject().getString("id")).containsExactly(endpointId);

            Reply disabled = portal.putJson("/api/endpoints/" + endpointId,
                    Outbound.endpoint(receiver.url(), type).add("enabled", false).build().toString());
            assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
            assertThat(disabled.json().getBoolean("enabled")).isFalse();
            assertThat(disabled.json().getString("customer")).isEqualTo(customer);
            portal.putJson("/api/endpoints/" + endpointId, Outbound.endpoint(receiver.url(), type).add("enabled", true).build().toString());

            Reply rotated = portal.postJson("/api/endpoints/" + endpointId + "/rotate-secret", "");
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            assertThat(rotated.json().getString("secret")).startsWith("whsec_").isNotEqualTo(created.json().getString("secret"));

            receiver.then(new Answer(500, java.util.Map.of(), "not today", Duration.ZERO, null));
            Reply tested = portal.postJson("/api/endpoints/" + endpointId + "/test", "");
            assertThat(tested.status()).as(tested.toString()).isEqualTo(202);
            String eventId = tested.json().getString("eventId");
            String deliveryId = tested.json().getString("deliveryId");
            receiver.awaitRequests(eventId, 1);
            JsonObject failed = Waits.await("the test delivery's first attempt").atMost(Outbound.DELIVERY_LIMIT)
                    .until(() -> portal.get("/api/deliveries/" + deliveryId).json(), d -> d.getInt("attemptCount") >= 1);
            assertThat(failed.getString("eventType")).isEqualTo("hookbridge.test");
            assertThat(failed.getString("customer")).isEqualTo(customer);
            JsonObject attempt = failed.getJsonArray("attempts").getJsonObject(0);
            assertThat(attempt.getInt("statusCode")).isEqualTo(500);
            assertThat(attempt.getString("response")).isEqualTo("not today");
            assertThat(attempt.getInt("latencyMs")).isGreaterThanOrEqualTo(0);
            JsonObject request = failed.getJsonObject("request");
            assertThat(request.getString("url")).isEqualTo(receiver.url());
            assertThat(request.getJsonObject("headers").getString("webhook-id")).isEqualTo(eventId);
            assertThat(request.getString("body").getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(receiver.requests(eventId).get(0).rawBody());

            Reply retried = portal.postJson("/api/deliveries/" + deliveryId + "/retry", "");
            assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
            Waits.await("the retried test delivery").atMost(Outbound.DELIVERY_LIMIT)
                    .until(() -> portal.get("/api/deliveries/" + deliveryId).json(), d -> "DELIVERED".equals(d.getString("status")));
            assertThat(portal.get("/api/deliveries?endpoint=" + endpointId).items())
                    .extracting(d -> d.asJsonObject().getString("id")).containsExactly(deliveryId);
            assertThat(portal.get("/api/events/" + eventId).json().getString("customer")).isEqualTo(customer);

            Reply recovered = portal.postJson("/api/endpoints/" + endpointId + "/recover?since=" + Instant.now().minusSeconds(3600), "");
            assertThat(recovered.status()).as(recovered.toString()).isEqualTo(202);
            assertThat(recovered.json().getInt("requeued")).isZero();
            assertThat(portal.get("/api/event-types").status()).isEqualTo(200);

            assertThat(portal.delete("/api/endpoints/" + endpointId).status()).isEqualTo(204);
            Problems.assertProblem(Http.admin().get("/api/endpoints/" + endpointId), 404);
        }
    }

    @Test
    void aCustomersTokenNeverReachesAnotherCustomersOrTheShopsData() {
        String a = createCustomer("A");
        String b = createCustomer("B");
        String type = Outbound.uniqueType("invoice.paid");
        try (Receiver ofA = Receiver.start(); Receiver ofB = Receiver.start(); Receiver shops = Receiver.start()) {
            String endpointOfA = Outbound.createEndpoint(Outbound.endpoint(ofA.url(), type).add("customer", a)).getString("id");
            Outbound.createEndpoint(Outbound.endpoint(ofA.url(), type).add("customer", a));
            String endpointOfB = Outbound.createEndpoint(Outbound.endpoint(ofB.url(), type).add("customer", b)).getString("id");
            String shopsEndpoint = Outbound.createEndpoint(shops.url(), type).getString("id");
            String eventOfB = publishFor(b, type);
            String deliveryOfB = Outbound.deliveryId(eventOfB, endpointOfB);
            String eventOfA = publishFor(a, type);
            Outbound.deliveryId(eventOfA, endpointOfA);
            String shopsEvent = Outbound.publish(type);
            String shopsDelivery = Outbound.deliveryId(shopsEvent, shopsEndpoint);
            ofB.awaitRequests(eventOfB, 1);
            Http portal = Http.bearer(openSession(a));

            for (String foreign : List.of(endpointOfB, shopsEndpoint)) {
                String definition = Outbound.endpoint(ofA.url(), type).build().toString();
                Problems.assertProblem(portal.get("/api/endpoints/" + foreign), 404);
                Problems.assertProblem(portal.putJson("/api/endpoints/" + foreign, definition), 404);
                Problems.assertProblem(portal.delete("/api/endpoints/" + foreign), 404);
                Problems.assertProblem(portal.postJson("/api/endpoints/" + foreign + "/rotate-secret", ""), 404);
                Problems.assertProblem(portal.postJson("/api/endpoints/" + foreign + "/test", ""), 404);
                Problems.assertProblem(portal.postJson("/api/endpoints/" + foreign + "/recover?since=2026-01-01T00:00:00Z", ""), 404);
                Problems.assertProblem(portal.get("/api/endpoints?after=" + foreign), 404);
                assertThat(portal.get("/api/deliveries?endpoint=" + foreign).items()).isEmpty();
            }
            for (String foreign : List.of(deliveryOfB, shopsDelivery)) {
                Problems.assertProblem(portal.get("/api/deliveries/" + foreign), 404);
                Problems.assertProblem(portal.postJson("/api/deliveries/" + foreign + "/retry", ""), 404);
                Problems.assertProblem(portal.get("/api/deliveries?after=" + foreign), 404);
            }
            Problems.assertProblem(portal.get("/api/events/" + eventOfB), 404);
            Problems.assertProblem(portal.get("/api/events/" + shopsEvent), 404);
            Problems.assertProblem(portal.get("/api/endpoints?customer=" + b), 403);
            Problems.assertProblem(portal.get("/api/deliveries?customer=" + b), 403);
            Problems.assertProblem(portal.get("/api/events?customer=" + b), 403);
            Problems.assertProblem(portal.postJson("/api/endpoints",
                    Outbound.endpoint(ofA.url(), type).add("customer", b).build().toString()), 403);
            Problems.assertProblem(portal.putJson("/api/endpoints/" + endpointOfA,
                    Outbound.endpoint(ofA.url(), type).add("customer", b).build().toString()), 403);
            assertThat(Http.admin().get("/api/endpoints/" + endpointOfA).json().getString("customer")).isEqualTo(a);

            // What the session does see is A's alone, page after page.
            assertThat(allPages(portal, "/api/endpoints?limit=1", e -> e.getString("customer"))).hasSize(2).containsOnly(a);
            assertThat(allPages(portal, "/api/deliveries?limit=1", d -> d.getString("customer"))).isNotEmpty().containsOnly(a);
            assertThat(allPages(portal, "/api/events?limit=1", e -> e.getString("customer"))).isNotEmpty().containsOnly(a);
            // Nothing of B reached A's receiver either, and the rotate and delete calls above changed nothing of B's.
            assertThat(ofA.requests(eventOfB)).isEmpty();
            assertThat(Outbound.getEndpoint(endpointOfB).getBoolean("enabled")).isTrue();
        }
    }

    @Test
    void anEndpointKeepsItsOwnerAndARecreatedCustomerSeesNothingOfTheOldOnesHistory() throws Exception {
        String customer = createCustomer("Acme");
        String type = Outbound.uniqueType("invoice.paid");
        try (Receiver receiver = Receiver.start()) {
            JsonObject endpoint = Outbound.createEndpoint(Outbound.endpoint(receiver.url(), type).add("customer", customer));
            Reply moved = Http.admin().putJson("/api/endpoints/" + endpoint.getString("id"),
                    Outbound.endpoint(receiver.url(), type).add("customer", createCustomer("Other")).build().toString());
            Problems.assertInvalidField(moved, "customer");
            Problems.assertInvalidField(Http.admin().putJson("/api/endpoints/" + endpoint.getString("id"),
                    Outbound.endpoint(receiver.url(), type).build().toString()), "customer");

            String oldEvent = publishFor(customer, type);
            String oldDelivery = Outbound.deliveryId(oldEvent, endpoint.getString("id"));
            assertThat(Http.admin().delete("/api/customers/" + customer).status()).isEqualTo(204);
            assertThat(Http.admin().putJson("/api/customers/" + customer, "{\"name\": \"Acme again\"}").status()).isEqualTo(201);
            Http portal = Http.bearer(openSession(customer));
            Problems.assertProblem(portal.get("/api/events/" + oldEvent), 404);
            Problems.assertProblem(portal.get("/api/deliveries/" + oldDelivery), 404);
            assertThat(portal.get("/api/events?customer=" + customer).items()).isEmpty();
            assertThat(portal.get("/api/deliveries").items()).isEmpty();
            assertThat(Http.admin().get("/api/events/" + oldEvent).json().getString("customer")).isEqualTo(customer);
        }
    }

    @Test
    void aPortalTokenNeverWorksOnTheShopsOwnCalls() {
        String customer = createCustomer("Acme");
        Http portal = Http.bearer(openSession(customer));
        Problems.assertProblem(portal.get("/api/sources"), 403);
        Problems.assertProblem(portal.get("/api/inbox"), 403);
        Problems.assertProblem(portal.get("/api/overview"), 403);
        Problems.assertProblem(portal.get("/api/customers"), 403);
        Problems.assertProblem(portal.get("/api/customers/" + customer), 403);
        Problems.assertProblem(portal.postJson("/api/customers/" + customer + "/portal-sessions", "{}"), 403);
        Problems.assertProblem(portal.postJson("/api/events", "{\"type\": \"order.created\", \"data\": {}}"), 403);
        Problems.assertProblem(portal.putJson("/api/event-types/portal.forbidden", "{\"schemas\": {\"1\": {}}}"), 403);
        Problems.assertProblem(portal.delete("/api/customers/" + customer), 403);
        Problems.assertProblem(portal.options("/api/endpoints"), 403);
        assertThat(Http.admin().get("/api/customers/" + customer).status()).isEqualTo(200);
        // A page of another site cannot make a browser holding the token change anything either.
        Problems.assertProblem(portal.header("Origin", "https://evil.example").postJson("/api/endpoints",
                Outbound.endpoint("https://receiver.example/hook", "x.y").build().toString()), 403);
        assertThat(portal.get("/api/endpoints").items()).isEmpty();
    }

    /**
     * What the OpenAPI document says a portal token may call is what the server lets it call: every
     * other /api operation is 403 for it, whatever its ids and body.
     */
    @Test
    void theCallsOpenToPortalSessionsAreThoseTheOpenApiDocumentNames() {
        Http portal = Http.bearer(openSession(createCustomer("Acme")));
        JsonObject paths = Http.anonymous().get("/openapi?format=JSON").json().getJsonObject("paths");
        int open = 0;
        int closed = 0;
        for (String path : paths.keySet()) {
            if (!path.startsWith("/api/")) {
                continue;
            }
            String concrete = path.replaceAll("\\{[^}]+}", "no-such-id");
            for (String method : paths.getJsonObject(path).keySet()) {
                if (method.equals("parameters")) {
                    continue;
                }
                boolean forPortal = paths.getJsonObject(path).getJsonObject(method).getJsonArray("security").stream()
                        .anyMatch(s -> s.asJsonObject().containsKey("portalToken"));
                Reply reply = switch (method) {
                    case "get" -> portal.get(concrete);
                    case "delete" -> portal.delete(concrete);
                    case "put" -> portal.putJson(concrete, "{}");
                    case "post" -> portal.postJson(concrete, "{}");
                    default -> throw new AssertionError("no request for " + method + " " + path);
                };
                if (forPortal) {
                    open++;
                    assertThat(reply.status()).as("%s %s is open to portal sessions: %s", method, path, reply).isNotIn(401, 403, 405);
                } else {
                    closed++;
                    Problems.assertProblem(reply, 403);
                }
            }
        }
        assertThat(open).isGreaterThanOrEqualTo(15);
        assertThat(closed).isGreaterThanOrEqualTo(15);
    }

    @Test
    void anExpiredTamperedOrUnknownTokenIs401() throws Exception {
        String customer = createCustomer("Acme");
        String token = openSession(customer);
        assertThat(Http.bearer(token).get("/api/endpoints").status()).isEqualTo(200);

        String tampered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        for (String refused : List.of(tampered, "hbp_" + "x".repeat(43), "not-a-token")) {
            Reply reply = Http.bearer(refused).get("/api/endpoints");
            Problems.assertProblem(reply, 401);
            assertThat(reply.header("WWW-Authenticate")).as(reply.toString()).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }

        expire(token);
        Problems.assertProblem(Http.bearer(token).get("/api/endpoints"), 401);

        String another = openSession(customer);
        assertThat(sessionsWithToken(token)).as("the expired session, deleted when the next one was opened").isZero();
        assertThat(Http.admin().delete("/api/customers/" + customer).status()).isEqualTo(204);
        Problems.assertProblem(Http.bearer(another).get("/api/portal/session"), 401);
    }

    @Test
    void thePortalPageMayBeFramedOnlyAsConfiguredAndTheDashboardNever() {
        // A path through /portal/ that a container might resolve to the dashboard (WildFly answers 404):
        // should it ever be served, it must still refuse framing.
        Reply trick = Http.admin().get("/portal/..;/dashboard/");
        assertThat(trick.status() != 200 || trick.header("X-Frame-Options").equals(java.util.Optional.of("DENY")))
                .as("the dashboard reached through /portal/: %s", trick).isTrue();
        Reply page = Http.anonymous().get("/portal/");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).hasValue("default-src 'self'; frame-ancestors 'none'");
        assertThat(page.header("X-Frame-Options")).isEmpty();
        assertThat(page.header("Referrer-Policy")).hasValue("no-referrer");
        Reply dashboard = Http.admin().get("/dashboard/");
        assertThat(dashboard.header("X-Frame-Options")).hasValue("DENY");
        Problems.assertProblem(Http.anonymous().get("/api/endpoints"), 401);
    }

    private static List<String> allPages(Http portal, String firstPage, Function<JsonObject, String> field) {
        List<String> values = new java.util.ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 100; pages++) {
            Reply reply = portal.get(firstPage + (after == null ? "" : "&after=" + Outbound.encode(after)));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            reply.items().forEach(v -> values.add(field.apply(v.asJsonObject())));
            if (reply.json().isNull("next") || reply.items().isEmpty()) {
                return values;
            }
            after = reply.json().getString("next");
        }
        throw new AssertionError(firstPage + " did not end");
    }

    private static String publishFor(String customer, String type) {
        Reply published = Http.admin().postJson("/api/events", Json.createObjectBuilder().add("type", type).add("customer", customer)
                .add("data", Outbound.data()).build().toString());
        assertThat(published.status()).as(published.toString()).isEqualTo(202);
        return published.json().getString("id");
    }

    static String createCustomer(String name) {
        String id = "cus_" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = Http.admin().putJson("/api/customers/" + id, Json.createObjectBuilder().add("name", name).build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    static String openSession(String customer) {
        Reply opened = Http.admin().postJson("/api/customers/" + customer + "/portal-sessions", "");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().getString("token");
    }

    private static int sessionsWithToken(String token) throws Exception {
        try (Connection db = DriverManager.getConnection(TestStack.get().postgres().jdbcUrl(), Credentials.DB_USER, Credentials.DB_PASSWORD);
             PreparedStatement count = db.prepareStatement(
                     "select count(*) from portal_session where token_sha256 = sha256(convert_to(?, 'UTF8'))")) {
            count.setString(1, token);
            try (var row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Moves the session's end into the past, as an hour's wait would. */
    private static void expire(String token) throws Exception {
        try (Connection db = DriverManager.getConnection(TestStack.get().postgres().jdbcUrl(), Credentials.DB_USER, Credentials.DB_PASSWORD);
             PreparedStatement update = db.prepareStatement(
                     "update portal_session set expires_at = now() - interval '1 second' where token_sha256 = sha256(convert_to(?, 'UTF8'))")) {
            update.setString(1, token);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
