package dev.hookbridge.it;

import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Problems;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.stack.Credentials;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Request;
import dev.hookbridge.testsupport.Signer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/endpoints} (docs/outbound.md and docs/api.md, "Endpoints"): create with a generated
 * secret shown once, read, list, replace, delete; invalid input named; secret rotation signing with
 * both secrets; the viewer's read-only role. (The SSRF guard is off in this stack, which delivers
 * to loopback receivers.)
 */
@SystemTest
class EndpointsApiIT {

    private static final String PATH = "/api/endpoints";

    @Test
    void headerValuesAreStoredEncryptedNeverShownAndKeptByAPutThatSendsTheMaskBack() throws Exception {
        String type = Outbound.uniqueType("credentials");
        String token = "Bearer tok-" + UUID.randomUUID();
        try (Receiver receiver = Receiver.start()) {
            JsonObject created = Outbound.createEndpoint(Outbound.endpoint(receiver.url(), type)
                    .add("headers", Json.createObjectBuilder().add("Authorization", token)));
            String id = created.getString("id");

            for (Reply reply : List.of(Http.admin().get(PATH + "/" + id), Http.viewer().get(PATH + "/" + id),
                    Http.admin().get(PATH), Http.viewer().get(PATH))) {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                assertThat(reply.body()).as("an answer of /api/endpoints").doesNotContain(token.substring("Bearer ".length()));
            }
            assertThat(created.toString()).doesNotContain(token.substring("Bearer ".length()));
            assertThat(storedHeaders(id)).as("the stored column").contains("Authorization").doesNotContain("tok-");

            // The dashboard's way of saving: the definition as read, hidden values included.
            JsonObject read = Http.admin().get(PATH + "/" + id).json();
            Reply kept = Http.admin().putJson(PATH + "/" + id, Json.createObjectBuilder(read).remove("id").remove("health")
                    .remove("createdAt").remove("updatedAt").remove("secret").remove("disabledReason")
                    .add("description", "kept its token").build().toString());
            assertThat(kept.status()).as(kept.toString()).isEqualTo(200);

            String eventId = Outbound.publish(type);
            Request request = receiver.awaitRequests(eventId, 1).get(0);
            assertThat(request.header("authorization")).hasValue(token);

            // A hidden value for a header the endpoint never had cannot be kept.
            Reply unknown = Http.admin().putJson(PATH + "/" + id, Outbound.endpoint(receiver.url(), type)
                    .add("headers", Json.createObjectBuilder().add("X-Api-Key", "…")).build().toString());
            Problems.assertInvalidField(unknown, "headers");
        }
    }

    private static String storedHeaders(String endpointId) throws Exception {
        try (Connection db = DriverManager.getConnection(TestStack.get().postgres().jdbcUrl(), Credentials.DB_USER,
                Credentials.DB_PASSWORD);
             PreparedStatement query = db.prepareStatement("select headers_encrypted from endpoint where id = ?")) {
            query.setString(1, endpointId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("endpoint row %s", endpointId).isTrue();
                return row.getString(1);
            }
        }
    }

    @Test
    void createAnswers201WithAGeneratedSecretThatIsNeverShownAgain() {
        String type = Outbound.uniqueType("order.*");
        String body = Outbound.endpoint("http://127.0.0.1:9/hook", type)
                .add("description", "orders of the shop")
                .add("rateLimitPerSecond", 5)
                .add("headers", Json.createObjectBuilder().add("X-Tenant", "acme"))
                .build().toString();

        Reply created = Http.admin().postJson(PATH, body);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject endpoint = created.json();
        String id = endpoint.getString("id");
        assertThat(id).isNotBlank();
        assertThat(endpoint.getString("url")).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(endpoint.getJsonArray("eventTypes").getValuesAs(JsonString::getString)).containsExactly(type);
        assertThat(endpoint.getString("description")).isEqualTo("orders of the shop");
        assertThat(endpoint.getBoolean("enabled")).as("enabled by default").isTrue();
        assertThat(endpoint.getInt("rateLimitPerSecond")).isEqualTo(5);
        assertThat(endpoint.getJsonObject("headers").getString("X-Tenant")).as("header values are never shown").isEqualTo("…");
        String secret = endpoint.getString("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).as("secret bytes").hasSizeGreaterThanOrEqualTo(24);
        String key = secret.substring("whsec_".length());

        Reply read = Http.admin().get(PATH + "/" + id);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().getString("id")).isEqualTo(id);
        assertThat(read.json().getString("url")).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(read.json().containsKey("secret") && !read.json().isNull("secret")).as("secret in %s", read).isFalse();
        assertThat(read.body()).doesNotContain(key);

        List<JsonObject> listed = list();
        assertThat(listed).extracting(e -> e.getString("id")).contains(id);
        assertThat(listed).allSatisfy(e -> assertThat(e.containsKey("secret") && !e.isNull("secret")).isFalse());
        assertThat(listed.toString()).doesNotContain(key);

        // A second endpoint gets a secret of its own.
        JsonObject another = Outbound.createEndpoint("http://127.0.0.1:9/other", type);
        assertThat(another.getString("id")).isNotEqualTo(id);
        assertThat(another.getString("secret")).startsWith("whsec_").isNotEqualTo(secret);
    }

    @Test
    void givenSecretSignsTheDeliveries() {
        String type = Outbound.uniqueType("order.created");
        String secret = Signer.newStandardSecret();
        try (Receiver receiver = Receiver.start()) {
            JsonObject endpoint = Outbound.createEndpoint(Outbound.endpoint(receiver.url(), type).add("secret", secret));

            String eventId = Outbound.publish(type);

            Request request = receiver.awaitRequests(eventId, 1).get(0);
            assertThat(request.verifySignature(List.of(secret))).as("signature of %s", request).isTrue();
            assertThat(Outbound.getEndpoint(endpoint.getString("id")).toString()).doesNotContain(secret.substring(6));
        }
    }

    @Test
    void putReplacesAndDeleteRemoves() {
        String type = Outbound.uniqueType("order.created");
        String id = Outbound.createEndpoint("http://127.0.0.1:9/hook", type).getString("id");
        String otherType = Outbound.uniqueType("invoice.*");

        Reply replaced = Http.admin().putJson(PATH + "/" + id, Outbound.endpoint("http://127.0.0.1:9/changed", otherType)
                .add("description", "changed").add("enabled", false).build().toString());

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().getString("id")).isEqualTo(id);
        JsonObject read = Outbound.getEndpoint(id);
        assertThat(read.getString("url")).isEqualTo("http://127.0.0.1:9/changed");
        assertThat(read.getJsonArray("eventTypes").getString(0)).isEqualTo(otherType);
        assertThat(read.getString("description")).isEqualTo("changed");
        assertThat(read.getBoolean("enabled")).isFalse();

        Reply deleted = Http.admin().delete(PATH + "/" + id);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        Problems.assertProblem(Http.admin().get(PATH + "/" + id), 404);
        Problems.assertProblem(Http.admin().delete(PATH + "/" + id), 404);
        assertThat(list()).noneMatch(e -> e.getString("id").equals(id));
    }

    @Test
    void aFailingEndpointCanBeDeletedWhileItsAttemptsAreBeingRecorded() {
        // Ops delete a failing endpoint while its retries run: several rounds, each deleting an
        // endpoint just as the outcomes of its first failed attempts are being recorded.
        for (int round = 0; round < 5; round++) {
            String type = Outbound.uniqueType("order.created");
            CountDownLatch release = new CountDownLatch(1);
            try (Receiver failing = Receiver.start()) {
                failing.otherwise(Receiver.Answer.heldUntil(release, 500));
                String id = Outbound.createEndpoint(failing.url(), type).getString("id");
                for (int i = 0; i < 4; i++) {
                    Outbound.publish(type);
                }
                failing.awaitRequests(2);
                release.countDown();

                Reply deleted = Http.admin().delete(PATH + "/" + id);

                assertThat(deleted.status()).as("round %d: %s", round, deleted).isEqualTo(204);
                Problems.assertProblem(Http.admin().get(PATH + "/" + id), 404);
                String afterDelete = Outbound.publish(type);
                assertThat(Outbound.deliveries("event=" + Outbound.encode(afterDelete))).as("deliveries to a deleted endpoint").isEmpty();
            } finally {
                release.countDown();
            }
        }
        // Delivery carries on for the others.
        String type = Outbound.uniqueType("order.created");
        try (Receiver other = Receiver.start()) {
            String otherId = Outbound.createEndpoint(other.url(), type).getString("id");
            String later = Outbound.publish(type);
            Outbound.awaitDelivery(Outbound.deliveryId(later, otherId), "DELIVERED");
        }
    }

    @Test
    void invalidDefinitionsAre400NamingTheField() {
        String type = Outbound.uniqueType("order.created");
        Problems.assertInvalidField(create(Outbound.endpoint("not a url", type).build().toString()), "url");
        Problems.assertInvalidField(create(Outbound.endpoint("ftp://example.com/hook", type).build().toString()), "url");
        Problems.assertInvalidField(create(Outbound.endpoint("file:///etc/passwd", type).build().toString()), "url");
        Problems.assertInvalidField(create(Json.createObjectBuilder().add("eventTypes", Outbound.array(type)).build().toString()), "url");
        Problems.assertInvalidField(create(Outbound.endpoint("http://127.0.0.1:9/hook").build().toString()), "eventTypes");
        Problems.assertInvalidField(create(Json.createObjectBuilder().add("url", "http://127.0.0.1:9/hook").build().toString()),
                "eventTypes");
        // The Standard Webhooks specification's example secret: anyone can sign with it.
        Problems.assertInvalidField(create(Outbound.endpoint("http://127.0.0.1:9/hook", type)
                .add("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").build().toString()), "secret");

        String id = Outbound.createEndpoint("http://127.0.0.1:9/hook", type).getString("id");
        Problems.assertInvalidField(Http.admin().putJson(PATH + "/" + id, Outbound.endpoint("gopher://example.com/", type).build().toString()),
                "url");
        Problems.assertInvalidField(Http.admin().putJson(PATH + "/" + id, Outbound.endpoint("http://127.0.0.1:9/hook").build().toString()),
                "eventTypes");
        assertThat(Outbound.getEndpoint(id).getString("url")).as("unchanged").isEqualTo("http://127.0.0.1:9/hook");
        Problems.assertInvalidField(Http.admin().get(PATH + "?limit=0"), "limit");
        Problems.assertInvalidField(Http.admin().get("/api/deliveries?limit=501"), "limit");
        Problems.assertInvalidField(Http.admin().post(PATH + "/" + id + "/recover?since=yesterday", null, new byte[0]), "since");
    }

    @Test
    void afterRotationDeliveriesCarryBothSignaturesAndVerifyWithEitherSecret() {
        String type = Outbound.uniqueType("order.created");
        try (Receiver receiver = Receiver.start()) {
            JsonObject endpoint = Outbound.createEndpoint(receiver.url(), type);
            String id = endpoint.getString("id");
            String oldSecret = endpoint.getString("secret");

            String before = Outbound.publish(type);
            Request beforeRequest = receiver.awaitRequests(before, 1).get(0);
            assertThat(beforeRequest.signatureEntries()).hasSize(1);
            assertThat(beforeRequest.verifySignature(List.of(oldSecret))).isTrue();

            Reply rotated = Http.admin().post(PATH + "/" + id + "/rotate-secret", null, new byte[0]);

            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            String newSecret = rotated.json().getString("secret");
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
            assertThat(Base64.getDecoder().decode(newSecret.substring("whsec_".length()))).hasSizeGreaterThanOrEqualTo(24);
            assertThat(Http.admin().get(PATH + "/" + id).body()).doesNotContain(newSecret.substring(6));

            String after = Outbound.publish(type);
            Request afterRequest = receiver.awaitRequests(after, 1).get(0);
            assertThat(afterRequest.signatureEntries()).as("entries of %s", afterRequest).hasSize(2)
                    .allSatisfy(e -> assertThat(e).startsWith("v1,"));
            assertThat(afterRequest.verifySignature(List.of(oldSecret))).as("with the old secret: %s", afterRequest).isTrue();
            assertThat(afterRequest.verifySignature(List.of(newSecret))).as("with the new secret: %s", afterRequest).isTrue();
            assertThat(afterRequest.verifySignature(List.of(Signer.newStandardSecret()))).as("with an unrelated secret").isFalse();
        }
    }

    @Test
    void viewerMayReadButNotChange() {
        String type = Outbound.uniqueType("order.created");
        String id = Outbound.createEndpoint("http://127.0.0.1:9/hook", type).getString("id");

        assertThat(Http.viewer().get(PATH).status()).isEqualTo(200);
        Reply one = Http.viewer().get(PATH + "/" + id);
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(Http.viewer().get("/api/deliveries?endpoint=" + id).status()).isEqualTo(200);
        assertThat(Http.viewer().get("/api/events?limit=1").status()).isEqualTo(200);

        String definition = Outbound.endpoint("http://127.0.0.1:9/viewer", type).build().toString();
        Problems.assertProblem(Http.viewer().postJson(PATH, definition), 403);
        Problems.assertProblem(Http.viewer().putJson(PATH + "/" + id, definition), 403);
        Problems.assertProblem(Http.viewer().delete(PATH + "/" + id), 403);
        Problems.assertProblem(Http.viewer().post(PATH + "/" + id + "/rotate-secret", null, new byte[0]), 403);
        Problems.assertProblem(Http.viewer().post(PATH + "/" + id + "/recover?since=2020-01-01T00:00:00Z", null, new byte[0]), 403);
        Problems.assertProblem(Http.viewer().post("/api/deliveries/1/retry", null, new byte[0]), 403);
        Problems.assertProblem(Http.viewer().postJson("/api/events",
                Json.createObjectBuilder().add("type", type).add("data", Outbound.data()).build().toString()), 403);

        assertThat(Outbound.getEndpoint(id).getString("url")).as("unchanged").isEqualTo("http://127.0.0.1:9/hook");
        assertThat(list()).noneMatch(e -> e.getString("url").equals("http://127.0.0.1:9/viewer"));
        assertThat(Http.admin().get("/api/events?limit=500&type=" + Outbound.encode(type)).items()).isEmpty();
    }

    @Test
    void anonymousAndCrossSiteCallsAreRefused() {
        String type = Outbound.uniqueType("order.created");
        String definition = Outbound.endpoint("http://127.0.0.1:9/csrf", type).build().toString();

        Problems.assertProblem(Http.anonymous().get(PATH), 401);
        Problems.assertProblem(Http.anonymous().postJson(PATH, definition), 401);
        assertThat(Problems.assertProblem(Http.admin().header("Origin", "http://evil.example").postJson(PATH, definition), 403)
                .getString("detail")).contains("Origin http://evil.example is not this site");
        // A browser's own verdict, with no Origin to name: the message says what gave it away.
        assertThat(Problems.assertProblem(Http.admin().header("Sec-Fetch-Site", "cross-site").postJson(PATH, definition), 403)
                .getString("detail")).contains("Sec-Fetch-Site: cross-site").doesNotContain("null");
        assertThat(list()).noneMatch(e -> e.getString("url").equals("http://127.0.0.1:9/csrf"));

        Reply sameOrigin = Http.admin().header("Origin", TestStack.baseUrl()).postJson(PATH, definition);
        assertThat(sameOrigin.status()).as(sameOrigin.toString()).isEqualTo(201);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static Reply create(String json) {
        return Http.admin().postJson(PATH, json);
    }

    /** Every endpoint, following the cursor. */
    private static List<JsonObject> list() {
        List<JsonObject> all = new ArrayList<>();
        String next = null;
        for (int pages = 0; pages < 1000; pages++) {
            Reply page = Http.admin().get(PATH + "?limit=500" + (next == null ? "" : "&after=" + Outbound.encode(next)));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.items().forEach(v -> all.add(v.asJsonObject()));
            if (page.json().isNull("next") || page.items().isEmpty()) {
                return all;
            }
            next = page.json().getString("next");
        }
        throw new AssertionError("endpoint list did not end");
    }
}
