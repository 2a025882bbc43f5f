package dev.hookbridge.it;

import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Problems;
import dev.hookbridge.it.support.Providers;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.testsupport.Signer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/sources} (docs/api.md, "Sources"): create, replace, read, list with paging, delete;
 * secrets masked; invalid input named; Basic authentication, the viewer's read-only role and the
 * cross-site refusal of state-changing calls.
 */
@SystemTest
class SourcesApiIT {

    @Test
    void putCreatesWith201AndLocationThenReplacesWith200() {
        String name = Fixtures.uniqueName("src");

        Reply created = Http.admin().putJson(path(name), definition("github", List.of(Signer.newSecret("gh-")), null, null));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/sources/" + name));
        JsonObject first = created.json();
        assertThat(first.getString("name")).isEqualTo(name);
        assertThat(first.getString("scheme")).isEqualTo("github");
        assertThat(first.getInt("toleranceSeconds")).as("default tolerance").isEqualTo(300);

        Reply replaced = Http.admin().putJson(path(name),
                definition("stripe", List.of(Signer.newSecret("whsec_")), 60, "/data/object/customer"));

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        JsonObject second = replaced.json();
        assertThat(second.getString("scheme")).isEqualTo("stripe");
        assertThat(second.getInt("toleranceSeconds")).isEqualTo(60);
        assertThat(second.getString("orderingKey")).isEqualTo("/data/object/customer");
        assertThat(second.getString("createdAt")).isEqualTo(first.getString("createdAt"));

        Reply read = Http.admin().get(path(name));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().getString("scheme")).isEqualTo("stripe");
        assertThat(read.json().getInt("toleranceSeconds")).isEqualTo(60);
        assertThat(read.json().getString("orderingKey")).isEqualTo("/data/object/customer");
    }

    @Test
    void getOneAnswersTheSourceWithItsOptions() {
        String name = Fixtures.uniqueName("one");
        Fixtures.createSource(name, "hmac", List.of(Signer.newSecret("k-")),
                Map.of("header", "X-Sig", "eventIdField", "/id", "maxBodyBytes", "2048"), null);

        Reply reply = Http.viewer().get(path(name));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonObject source = reply.json();
        assertThat(source.getString("name")).isEqualTo(name);
        assertThat(source.getString("scheme")).isEqualTo("hmac");
        assertThat(source.getJsonObject("options").getString("header")).isEqualTo("X-Sig");
        assertThat(source.getJsonObject("options").getString("maxBodyBytes")).isEqualTo("2048");
        assertThat(source.getJsonArray("secrets")).hasSize(1);
    }

    @Test
    void listAnswersItemsAndNextAndPagesWithLimitFollowingNext() {
        String prefix = Fixtures.uniqueName("page");
        List<String> mine = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        mine.forEach(n -> Fixtures.createSource(n, "github", List.of(Signer.newSecret("gh-")), Map.of(), null));

        Reply firstPage = Http.admin().get("/api/sources?limit=1");
        assertThat(firstPage.status()).as(firstPage.toString()).isEqualTo(200);
        assertThat(firstPage.json().keySet()).contains("items", "next");
        assertThat(firstPage.items()).hasSize(1);
        assertThat(firstPage.json().getString("next")).as("more than one source exists").isNotBlank();

        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Reply page = Http.admin().get("/api/sources?limit=1" + (next == null ? "" : "&after=" + next));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonObject json = page.json();
            assertThat(json.keySet()).as("keys of %s", page).contains("items", "next");
            assertThat(page.items().size()).as("items of %s", page).isLessThanOrEqualTo(1);
            page.items().forEach(v -> seen.add(v.asJsonObject().getString("name")));
            next = json.isNull("next") ? null : json.getString("next");
            assertThat(++pages).as("pages walked").isLessThan(10_000);
        } while (next != null);

        assertThat(seen).doesNotHaveDuplicates().containsSubsequence(mine);
        // The default page holds up to 50, and 500 is allowed.
        Reply all = Http.admin().get("/api/sources?limit=500");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().isNull("next")).isEqualTo(seen.size() <= 500);
        assertThat(Http.admin().get("/api/sources").items().size()).isEqualTo(Math.min(50, seen.size()));
    }

    @Test
    void secretsAreNeverReturnedInFull() {
        String name = Fixtures.uniqueName("masked");
        String stripeSecret = Signer.newSecret("whsec_");
        String otherSecret = Signer.newSecret("second-");
        Reply created = Http.admin().putJson(path(name), definition("stripe", List.of(stripeSecret, otherSecret), null, null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        for (Reply reply : List.of(created, Http.admin().get(path(name)), Http.admin().get("/api/sources?limit=500"),
                Http.admin().putJson(path(name), definition("stripe", List.of(stripeSecret, otherSecret), null, null)))) {
            assertThat(reply.status()).as(reply.toString()).isIn(200, 201);
            for (String secret : List.of(stripeSecret, otherSecret)) {
                assertThat(reply.body()).doesNotContain(secret)
                        .doesNotContain(secret.substring(secret.indexOf('_') + 1))
                        .doesNotContain(secret.substring(secret.indexOf('-') + 1));
            }
        }
        List<String> shown = Http.admin().get(path(name)).json().getJsonArray("secrets")
                .getValuesAs(JsonValue::toString);
        // A fixed prefix only, never a character of the secret (not even its last four).
        assertThat(shown).containsExactly("\"whsec_…\"", "\"…\"");
    }

    @Test
    void deleteAnswers204ThenTheSourceIsGone() {
        String name = Fixtures.uniqueName("gone");
        String secret = Fixtures.createStandardSource(name);

        Reply deleted = Http.admin().delete(path(name));

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        Problems.assertProblem(Http.admin().get(path(name)), 404);
        Problems.assertProblem(Http.admin().delete(path(name)), 404);
        Problems.assertProblem(Providers.standard(name, secret, "msg_1", Providers.now(), Fixtures.standardBody("x")), 404);
        assertThat(Http.admin().get("/api/sources?limit=500").items())
                .noneMatch(v -> v.asJsonObject().getString("name").equals(name));
    }

    /**
     * The intake keeps sources in memory for a few seconds; a change through this node must still
     * take effect on the very next webhook: a replaced secret no longer verifies, the new one does,
     * and a deleted source is unknown.
     */
    @Test
    void replacedSecretAndDeletionTakeEffectOnTheNextWebhook() {
        String name = Fixtures.uniqueName("rotate");
        String oldSecret = Fixtures.createStandardSource(name);
        String body = Fixtures.standardBody("order.created");
        assertThat(Fixtures.sendStandard(name, oldSecret, "msg_1", body).status()).isEqualTo(200);

        String newSecret = Signer.newStandardSecret();
        assertThat(Http.admin().putJson(path(name), definition("standard", List.of(newSecret), null, null)).status())
                .isEqualTo(200);

        Problems.assertProblem(Fixtures.sendStandard(name, oldSecret, "msg_2", body), 401);
        assertThat(Fixtures.sendStandard(name, newSecret, "msg_3", body).status()).isEqualTo(200);

        assertThat(Http.admin().delete(path(name)).status()).isEqualTo(204);
        Problems.assertProblem(Fixtures.sendStandard(name, newSecret, "msg_4", body), 404);
    }

    @Test
    void getOfAnUnknownSourceIs404Problem() {
        Problems.assertProblem(Http.admin().get(path(Fixtures.uniqueName("nosuch"))), 404);
    }

    @Test
    void invalidDefinitionsAre400NamingTheFieldAndCreateNothing() {
        String secret = Signer.newSecret("s-");
        assertRefused(Fixtures.uniqueName("bad"), definition("paypal", List.of(secret), null, null), "scheme");
        assertRefused(Fixtures.uniqueName("bad"), definition("github", List.of(), null, null), "secrets");
        assertRefused(Fixtures.uniqueName("bad"), "{\"scheme\":\"github\"}", "secrets");
        assertRefused(Fixtures.uniqueName("bad"), definition("github", List.of(secret), 0, null), "toleranceSeconds");
        assertRefused(Fixtures.uniqueName("bad"), definition("github", List.of(secret), null, "data/id"), "orderingKey");
        // Starts with '/' but is no JSON pointer ('~2' is no escape): it would fail every webhook of the source.
        assertRefused(Fixtures.uniqueName("bad"), definition("github", List.of(secret), null, "/a~2"), "orderingKey");
        assertRefused(Fixtures.uniqueName("bad"), definition("standard", List.of("not base64!"), null, null), "secrets");
        // Under 16 bytes: refused, for a secret taken as text as for a standard one's decoded key.
        assertRefused(Fixtures.uniqueName("bad"), definition("github", List.of("fifteen-bytes!!"), null, null), "secrets");
        assertRefused(Fixtures.uniqueName("bad"), definition("standard",
                List.of("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[15])), null, null), "secrets");
        // The placeholder of docs/inbound.md ("Sources"), copied as it is, and an example secret from
        // GitHub's documentation.
        assertRefused(Fixtures.uniqueName("bad"), definition("stripe", List.of("<the signing secret from Stripe>"), null, null), "secrets");
        assertRefused(Fixtures.uniqueName("bad"), definition("github", List.of("It's a Secret to Everybody"), null, null), "secrets");

        JsonObject hmacWithoutHeader = assertRefusedProblem(Fixtures.uniqueName("bad"),
                definition("hmac", List.of(secret), null, null, Map.of("eventIdField", "/id")));
        assertThat(hmacWithoutHeader.getString("field", "")).startsWith("options");
        assertThat(hmacWithoutHeader.getString("detail")).contains("header");
    }

    @Test
    void badNameIs400NamingTheName() {
        Reply reply = Http.admin().putJson("/api/sources/Bad%20Name", definition("github", List.of(Signer.newSecret("s-")), null, null));

        Problems.assertInvalidField(reply, "name");
        Problems.assertProblem(Http.admin().get("/api/sources/Bad%20Name"), 404);
    }

    @Test
    void malformedJsonIs400Problem() {
        String name = Fixtures.uniqueName("malformed");

        Problems.assertProblem(Http.admin().putJson(path(name), "{\"scheme\": "), 400);
        Problems.assertProblem(Http.admin().get(path(name)), 404);
    }

    @Test
    void limitOutsideOneTo500Is400() {
        for (String limit : List.of("0", "501", "abc", "-1")) {
            Problems.assertInvalidField(Http.admin().get("/api/sources?limit=" + limit), "limit");
            Problems.assertInvalidField(Http.admin().get("/api/inbox?limit=" + limit), "limit");
        }
        assertThat(Http.admin().get("/api/sources?limit=1").status()).isEqualTo(200);
        assertThat(Http.admin().get("/api/sources?limit=500").status()).isEqualTo(200);
    }

    @Test
    void anonymousCallsAre401ProblemWithBasicChallenge() {
        String name = Fixtures.uniqueName("anon");

        for (Reply reply : List.of(
                Http.anonymous().get("/api/sources"),
                Http.anonymous().putJson(path(name), definition("github", List.of(Signer.newSecret("s-")), null, null)),
                Http.as("admin", "wrong-password").get("/api/sources"))) {
            Problems.assertProblem(reply, 401);
            assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWithIgnoringCase("Basic"));
        }
        Problems.assertProblem(Http.admin().get(path(name)), 404);
    }

    @Test
    void viewerMayReadButNotChange() {
        String name = Fixtures.uniqueName("viewer");
        String secret = Fixtures.createStandardSource(name);
        Reply event = Providers.standard(name, secret, "msg_" + UUID.randomUUID(), Providers.now(), Fixtures.standardBody("a.b"));
        assertThat(event.status()).as(event.toString()).isEqualTo(200);
        String newName = Fixtures.uniqueName("viewer-new");

        assertThat(Http.viewer().get(path(name)).status()).isEqualTo(200);
        assertThat(Http.viewer().get("/api/sources").status()).isEqualTo(200);
        assertThat(Http.viewer().get("/api/inbox?source=" + name).status()).isEqualTo(200);

        Problems.assertProblem(Http.viewer().putJson(path(newName), definition("github", List.of(Signer.newSecret("s-")), null, null)), 403);
        Problems.assertProblem(Http.viewer().putJson(path(name), definition("github", List.of(Signer.newSecret("s-")), null, null)), 403);
        Problems.assertProblem(Http.viewer().delete(path(name)), 403);
        Problems.assertProblem(Http.viewer().post("/api/inbox/" + event.json().getString("inboxId") + "/replay",
                "application/json", new byte[0]), 403);

        Problems.assertProblem(Http.admin().get(path(newName)), 404);
        Reply unchanged = Http.admin().get(path(name));
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.json().getString("scheme")).isEqualTo("standard");
    }

    @Test
    void stateChangingCallsFromAnotherOriginAre403() {
        String name = Fixtures.uniqueName("csrf");
        String body = definition("github", List.of(Signer.newSecret("s-")), null, null);

        Reply refused = Http.admin().header("Origin", "http://evil.example").putJson(path(name), body);

        Problems.assertProblem(refused, 403);
        Problems.assertProblem(Http.admin().get(path(name)), 404);

        // Another port of the same host is another origin too.
        Problems.assertProblem(Http.admin().header("Origin", "http://localhost:1").putJson(path(name), body), 403);
        Problems.assertProblem(Http.admin().get(path(name)), 404);

        Reply sameOrigin = Http.admin().header("Origin", TestStack.baseUrl()).putJson(path(name), body);
        assertThat(sameOrigin.status()).as(sameOrigin.toString()).isEqualTo(201);

        Problems.assertProblem(Http.admin().header("Origin", "http://evil.example").delete(path(name)), 403);
        assertThat(Http.admin().get(path(name)).status()).isEqualTo(200);
        // Reads are not state-changing: any origin may read.
        assertThat(Http.admin().header("Origin", "http://evil.example").get(path(name)).status()).isEqualTo(200);
        assertThat(Http.admin().header("Origin", TestStack.baseUrl()).delete(path(name)).status()).isEqualTo(204);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String path(String name) {
        return "/api/sources/" + name;
    }

    private static String definition(String scheme, List<String> secrets, Integer toleranceSeconds, String orderingKey) {
        return definition(scheme, secrets, toleranceSeconds, orderingKey, Map.of());
    }

    private static String definition(String scheme, List<String> secrets, Integer toleranceSeconds, String orderingKey,
                                     Map<String, String> options) {
        JsonArrayBuilder secretArray = Json.createArrayBuilder();
        secrets.forEach(secretArray::add);
        JsonObjectBuilder optionObject = Json.createObjectBuilder();
        options.forEach(optionObject::add);
        JsonObjectBuilder source = Json.createObjectBuilder().add("scheme", scheme).add("secrets", secretArray)
                .add("options", optionObject);
        if (toleranceSeconds != null) {
            source.add("toleranceSeconds", toleranceSeconds);
        }
        if (orderingKey != null) {
            source.add("orderingKey", orderingKey);
        }
        return source.build().toString();
    }

    private static void assertRefused(String name, String body, String field) {
        Problems.assertInvalidField(Http.admin().putJson(path(name), body), field);
        Problems.assertProblem(Http.admin().get(path(name)), 404);
    }

    private static JsonObject assertRefusedProblem(String name, String body) {
        JsonObject problem = Problems.assertProblem(Http.admin().putJson(path(name), body), 400);
        Problems.assertProblem(Http.admin().get(path(name)), 404);
        return problem;
    }
}
