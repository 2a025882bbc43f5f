package dev.hookbridge.it;

import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document served at GET /openapi (MicroProfile OpenAPI) against the calls of
 * docs/inbound.md and docs/api.md, and against what the running application serves: every method
 * and path the README and docs/ list is served (JAX-RS answers OPTIONS with the methods of a path)
 * and is in the document, and the document describes the headers, status codes and problem details
 * those documents name.
 */
@SystemTest
class OpenApiIT {

    /** The calls of docs/inbound.md and docs/api.md, method and path, one per line of their tables. */
    private static final List<String> CONTRACT = List.of(
            "POST /webhooks/{source}",
            "PUT /api/sources/{name}", "GET /api/sources", "GET /api/sources/{name}", "DELETE /api/sources/{name}",
            "GET /api/inbox", "GET /api/inbox/{id}", "POST /api/inbox/{id}/replay",
            "POST /api/endpoints", "GET /api/endpoints", "GET /api/endpoints/{id}", "PUT /api/endpoints/{id}",
            "DELETE /api/endpoints/{id}", "POST /api/endpoints/{id}/rotate-secret", "POST /api/endpoints/{id}/recover",
            "POST /api/events", "GET /api/events", "GET /api/events/{id}",
            "GET /api/deliveries", "GET /api/deliveries/{id}", "POST /api/deliveries/{id}/retry");

    /** `GET /api/x`, `GET/PUT/DELETE /api/x/{id}`, `POST /webhooks/{source}` in backticks, query left out. */
    private static final Pattern README_CALL = Pattern.compile(
            "`((?:GET|POST|PUT|DELETE)(?:/(?:GET|POST|PUT|DELETE))*) (/(?:api|webhooks)/[^`?\\s]*)");

    private static JsonObject document;

    @BeforeAll
    static void fetchDocument() {
        Reply reply = Http.anonymous().get("/openapi?format=JSON");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        document = reply.json();
    }

    @Test
    void isServedWithoutLoginAsYamlAndJson() {
        Reply yaml = Http.anonymous().get("/openapi");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.contentType()).contains("yaml");
        assertThat(yaml.body()).contains("openapi: 3.").contains("/api/events");
        assertThat(document.getString("openapi")).startsWith("3.");
        assertThat(document.getJsonObject("info").getString("title")).isEqualTo("Hookbridge");
    }

    @Test
    void describesEveryPathAndMethodOfTheContract() {
        List<String> missing = CONTRACT.stream().filter(call -> !described(call)).toList();
        assertThat(missing).as("contract calls missing from /openapi").isEmpty();
    }

    @Test
    void everyCallItDescribesIsServedByTheApplication() {
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.keySet()) {
            Set<String> served = servedMethods(path);
            for (String key : paths.getJsonObject(path).keySet()) {
                if (Set.of("get", "put", "post", "delete", "patch").contains(key)) {
                    assertThat(served).as("%s %s is described; served there: %s", key, path, served)
                            .contains(key.toUpperCase(Locale.ROOT));
                }
            }
        }
    }

    @Test
    void everyCallTheReadmeListsIsServedByTheApplicationAndDescribed() throws IOException {
        Map<String, Set<String>> readme = readmeCalls();
        assertThat(readme.keySet()).as("paths found in the README").hasSizeGreaterThanOrEqualTo(10);
        for (Map.Entry<String, Set<String>> entry : readme.entrySet()) {
            String path = entry.getKey();
            Set<String> served = servedMethods(path);
            assertThat(served).as("methods the application serves at %s", path).containsAll(entry.getValue());
            for (String method : served) {
                assertThat(described(method + " " + path)).as("%s %s (served) in /openapi", method, path).isTrue();
            }
        }
    }

    @Test
    void describesTheContractsHeadersStatusCodesAndProblemDetails() {
        JsonObject webhook = operation("post", "/webhooks/{source}");
        assertThat(parameterNames(webhook)).contains("Stripe-Signature", "X-Hub-Signature-256", "X-Slack-Signature",
                "X-Slack-Request-Timestamp", "webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(webhook.getJsonObject("responses").keySet()).contains("200", "400", "401", "404", "413", "415", "503");
        assertThat(webhook.containsKey("security")).as("/webhooks needs no login").isFalse();
        JsonObject unavailable = document.getJsonObject("components").getJsonObject("responses").getJsonObject("Unavailable");
        assertThat(unavailable.getJsonObject("headers").keySet()).contains("Retry-After");
        assertThat(unavailable.getJsonObject("content").keySet()).containsExactly("application/problem+json");

        JsonObject publish = operation("post", "/api/events");
        assertThat(parameterNames(publish)).contains("Idempotency-Key");
        assertThat(publish.getJsonObject("responses").keySet()).contains("202", "400", "401", "403", "422");
        assertThat(operation("post", "/api/endpoints").getJsonObject("responses").keySet()).contains("201");
        assertThat(operation("delete", "/api/endpoints/{id}").getJsonObject("responses").keySet()).contains("204");
        for (String action : List.of("/api/inbox/{id}/replay", "/api/deliveries/{id}/retry", "/api/endpoints/{id}/recover")) {
            assertThat(operation("post", action).getJsonObject("responses").keySet()).as(action).contains("202");
        }

        JsonObject basic = document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("basicAuth");
        assertThat(basic.getString("type")).isEqualTo("http");
        assertThat(basic.getString("scheme")).isEqualTo("basic");
        assertThat(document.containsKey("security")).as("no document-wide login: /webhooks is public").isFalse();
        JsonObject bearer = document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("portalToken");
        assertThat(bearer.getString("type")).isEqualTo("http");
        assertThat(bearer.getString("scheme")).isEqualTo("bearer");
        JsonValue basicLogin = jakarta.json.Json.createObjectBuilder().add("basicAuth", JsonValue.EMPTY_JSON_ARRAY).build();
        JsonValue portalLogin = jakarta.json.Json.createObjectBuilder().add("portalToken", JsonValue.EMPTY_JSON_ARRAY).build();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.keySet()) {
            if (path.startsWith("/api/")) {
                for (String method : paths.getJsonObject(path).keySet()) {
                    if (!method.equals("parameters")) {
                        var security = paths.getJsonObject(path).getJsonObject(method).getJsonArray("security");
                        if (path.equals("/api/portal/session")) {
                            assertThat(security).as("%s %s takes a portal token only", method, path).containsExactly(portalLogin);
                        } else {
                            assertThat(security).as("%s %s needs HTTP Basic (or a portal token)", method, path)
                                    .contains(basicLogin).isSubsetOf(basicLogin, portalLogin);
                        }
                    }
                }
            }
        }
        JsonObject problem = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");
        assertThat(problem.getJsonArray("required").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactlyInAnyOrder("type", "title", "status", "detail");
    }

    private static boolean described(String call) {
        String[] parts = call.split(" ", 2);
        JsonObject path = document.getJsonObject("paths").getJsonObject(parts[1]);
        return path != null && path.containsKey(parts[0].toLowerCase(Locale.ROOT));
    }

    private static JsonObject operation(String method, String path) {
        return document.getJsonObject("paths").getJsonObject(path).getJsonObject(method);
    }

    private static Set<String> parameterNames(JsonObject operation) {
        return operation.getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                .map(p -> p.getString("name")).collect(Collectors.toSet());
    }

    /** Method sets by path, from the README and the reference documents in docs/ (not docs/results/). */
    private static Map<String, Set<String>> readmeCalls() throws IOException {
        Path moduleDir = Path.of(System.getProperty("user.dir"));
        List<Path> documents = new ArrayList<>();
        documents.add(moduleDir.resolveSibling("README.md"));
        try (Stream<Path> docs = Files.list(moduleDir.resolveSibling("docs"))) {
            docs.filter(file -> file.getFileName().toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        for (Path document : documents) {
            Matcher m = README_CALL.matcher(Files.readString(document));
            while (m.find()) {
                calls.computeIfAbsent(m.group(2), p -> new LinkedHashSet<>()).addAll(Arrays.asList(m.group(1).split("/")));
            }
        }
        return calls;
    }

    /** What JAX-RS serves at a path (OPTIONS' Allow header), with made-up values for its parameters. */
    private static Set<String> servedMethods(String path) {
        String concrete = path.replaceAll("\\{[^}]+}", "openapi-probe");
        Reply reply = Http.admin().options(concrete);
        assertThat(reply.status()).as("OPTIONS %s: %s", concrete, reply).isEqualTo(200);
        String allow = reply.header("Allow").orElse("");
        return Arrays.stream(allow.split(",")).map(String::trim)
                .filter(method -> !method.isEmpty() && !method.equals("OPTIONS") && !method.equals("HEAD"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
