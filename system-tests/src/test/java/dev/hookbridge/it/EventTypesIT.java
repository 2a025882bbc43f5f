package dev.hookbridge.it;

import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Management;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Problems;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.QueueBrowsing;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-type catalog (docs/event-types.md): types with versioned JSON Schemas, versions that
 * cannot change and must be compatible in the type's mode, and events checked against them when
 * published over REST and JMS. A server that requires the catalog: {@link GuardedNodeIT}.
 */
@SystemTest
class EventTypesIT {

    private static final String INVOICE_V1 = """
            {"type": "object",
             "properties": {"invoiceId": {"type": "string"}, "amount": {"type": "integer", "minimum": 0},
                            "status": {"enum": ["open", "paid"]}},
             "required": ["invoiceId", "amount"]}""";
    private static final String INVOICE_V2 = """
            {"type": "object",
             "properties": {"invoiceId": {"type": "string"}, "amount": {"type": "integer", "minimum": 0},
                            "status": {"enum": ["open", "paid"]}, "currency": {"type": "string"}},
             "required": ["invoiceId", "amount"]}""";

    @Test
    void aTypeIsCreatedReadListedUpdatedWithANewVersionAndDeleted() {
        String type = Outbound.uniqueType("invoice.paid");
        String group = "billing-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = Http.admin().putJson("/api/event-types/" + type, """
                {"description": "An invoice was paid", "group": "%s", "schemas": {"1": %s},
                 "examples": {"1": {"invoiceId": "in_1", "amount": 1200, "status": "paid"}}}""".formatted(group, INVOICE_V1));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject view = created.json();
        assertThat(view.getString("name")).isEqualTo(type);
        assertThat(view.getString("compatibility")).isEqualTo("BACKWARD");
        assertThat(view.getInt("latestVersion")).isEqualTo(1);
        assertThat(view.getJsonObject("schemas").getJsonObject("1").getJsonArray("required")).hasSize(2);
        assertThat(view.getJsonObject("examples").getJsonObject("1").getInt("amount")).isEqualTo(1200);

        Reply updated = Http.admin().putJson("/api/event-types/" + type,
                "{\"description\": \"An invoice was paid in full\", \"group\": \"%s\", \"schemas\": {\"1\": %s, \"2\": %s}}"
                        .formatted(group, INVOICE_V1, INVOICE_V2));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().getInt("latestVersion")).isEqualTo(2);
        assertThat(updated.json().getString("description")).isEqualTo("An invoice was paid in full");

        Reply read = Http.viewer().get("/api/event-types/" + type);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().getJsonObject("schemas").keySet()).containsExactly("1", "2");

        Reply listed = Http.viewer().get("/api/event-types?group=" + group);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.items()).singleElement().satisfies(item -> assertThat(item.asJsonObject().getString("name")).isEqualTo(type));

        Problems.assertProblem(Http.viewer().putJson("/api/event-types/" + type, "{\"schemas\": {\"1\": " + INVOICE_V1 + "}}"), 403);
        assertThat(Http.admin().delete("/api/event-types/" + type).status()).isEqualTo(204);
        Problems.assertProblem(Http.admin().get("/api/event-types/" + type), 404);
    }

    @Test
    void aPublishedVersionCannotChange() {
        String type = createType(INVOICE_V1);
        JsonObject problem = Problems.assertProblem(Http.admin().putJson("/api/event-types/" + type,
                "{\"schemas\": {\"1\": " + INVOICE_V2 + "}}"), 409);
        assertThat(problem.getString("detail")).contains("version 1").contains("cannot change").contains("version 2");
    }

    @Test
    void aVersionThatBreaksTheModeIsRefusedWithEachBreakingChangeLocated() {
        String type = createType(INVOICE_V1);
        String breaking = INVOICE_V1.replace("\"amount\": {\"type\": \"integer\"", "\"amount\": {\"type\": \"string\"")
                .replace("[\"open\", \"paid\"]", "[\"paid\"]")
                .replace("\"required\": [\"invoiceId\", \"amount\"]", "\"required\": [\"invoiceId\", \"amount\", \"dueDate\"]");
        JsonObject problem = Problems.assertProblem(Http.admin().putJson("/api/event-types/" + type,
                "{\"schemas\": {\"1\": " + INVOICE_V1 + ", \"2\": " + breaking + "}}"), 409);
        assertThat(problem.getString("detail")).contains("BACKWARD");
        assertThat(problem.getJsonArray("errors")).extracting(e -> e.asJsonObject().getString("location"))
                .containsExactlyInAnyOrder("/properties/amount/type", "/properties/status/enum", "/required");
        assertThat(Http.admin().get("/api/event-types/" + type).json().getInt("latestVersion")).as("nothing added").isEqualTo(1);

        Reply none = Http.admin().putJson("/api/event-types/" + type,
                "{\"compatibility\": \"NONE\", \"schemas\": {\"1\": " + INVOICE_V1 + ", \"2\": " + breaking + "}}");
        assertThat(none.status()).as("mode NONE allows it: %s", none).isEqualTo(200);
    }

    @Test
    void schemasThatAreNotUsableAreRefusedAndNothingIsFetched() {
        String type = Outbound.uniqueType("invoice.paid");
        Problems.assertInvalidField(Http.admin().putJson("/api/event-types/" + type,
                "{\"schemas\": {\"1\": {\"type\": \"money\"}}}"), "schemas.1");
        JsonObject remote = Problems.assertInvalidField(Http.admin().putJson("/api/event-types/" + type,
                "{\"schemas\": {\"1\": {\"$ref\": \"http://127.0.0.1:1/schema.json\"}}}"), "schemas.1");
        assertThat(remote.getString("detail")).contains("nothing is fetched");
        Problems.assertInvalidField(Http.admin().putJson("/api/event-types/" + type, "{\"schemas\": {\"2\": {}}}"), "schemas");
        Problems.assertInvalidField(Http.admin().putJson("/api/event-types/" + type, "{\"schemas\": {}}"), "schemas");
        Problems.assertInvalidField(Http.admin().putJson("/api/event-types/" + type, "{\"schemas\": {\"1\": {}}, \"colour\": 1}"), "colour");
        Problems.assertInvalidField(Http.admin().putJson("/api/event-types/" + type,
                "{\"schemas\": {\"1\": " + INVOICE_V1 + "}, \"examples\": {\"1\": {\"amount\": -1}}}"), "examples.1");
        Problems.assertProblem(Http.admin().putJson("/api/event-types/bad%20name", "{\"schemas\": {\"1\": {}}}"), 400);
        Problems.assertProblem(Http.admin().get("/api/event-types/" + type), 404);
    }

    @Test
    void publishedEventsAreCheckedAgainstTheirVersionAndNothingInvalidIsStored() {
        String type = createType(INVOICE_V1);
        Http.admin().putJson("/api/event-types/" + type, "{\"schemas\": {\"1\": " + INVOICE_V1 + ", \"2\": " + INVOICE_V2 + "}}");
        try (Receiver receiver = Receiver.start()) {
            Outbound.createEndpoint(receiver.url(), type);

            Reply valid = Http.admin().postJson("/api/events",
                    "{\"type\": \"%s\", \"data\": {\"invoiceId\": \"in_1\", \"amount\": 5, \"currency\": \"EUR\"}}".formatted(type));
            assertThat(valid.status()).as(valid.toString()).isEqualTo(202);
            JsonObject event = Http.admin().get("/api/events/" + valid.json().getString("id")).json();
            assertThat(event.getInt("version")).as("the latest version by default").isEqualTo(2);

            Reply pinned = Http.admin().postJson("/api/events",
                    "{\"type\": \"%s\", \"version\": 1, \"data\": {\"invoiceId\": \"in_2\", \"amount\": 7}}".formatted(type));
            assertThat(pinned.status()).as(pinned.toString()).isEqualTo(202);
            assertThat(Http.admin().get("/api/events/" + pinned.json().getString("id")).json().getInt("version")).isEqualTo(1);

            String marker = UUID.randomUUID().toString();
            JsonObject invalid = Problems.assertProblem(Http.admin().postJson("/api/events",
                    "{\"type\": \"%s\", \"id\": \"%s\", \"data\": {\"invoiceId\": 3, \"amount\": -1, \"status\": \"void\"}}".formatted(type, marker)), 422);
            assertThat(invalid.getJsonArray("errors")).extracting(e -> e.asJsonObject().getString("path"))
                    .containsExactlyInAnyOrder("$.invoiceId", "$.amount", "$.status");
            Problems.assertProblem(Http.admin().get("/api/events/" + marker), 404);

            JsonObject noVersion = Problems.assertProblem(Http.admin().postJson("/api/events",
                    "{\"type\": \"%s\", \"version\": 9, \"data\": {\"invoiceId\": \"in_3\", \"amount\": 1}}".formatted(type)), 422);
            assertThat(noVersion.getString("detail")).contains("no version 9");
            Problems.assertInvalidField(Http.admin().postJson("/api/events",
                    "{\"type\": \"%s\", \"version\": \"two\", \"data\": {}}".formatted(type)), "version");

            assertThat(receiver.awaitRequests(2)).hasSize(2);
        }
    }

    @Test
    void anEndpointPinnedToAnOlderVersionGetsThatVersionsPayloadAndTheBodyNamesIt() {
        String type = createType(INVOICE_V1);
        Http.admin().putJson("/api/event-types/" + type, "{\"schemas\": {\"1\": " + INVOICE_V1 + ", \"2\": " + INVOICE_V2 + "}}");
        try (Receiver pinned = Receiver.start(); Receiver latest = Receiver.start()) {
            JsonObject pinnedEndpoint = Outbound.createEndpoint(Outbound.endpoint(pinned.url(), type)
                    .add("eventVersions", Json.createObjectBuilder().add(type, 1)));
            assertThat(pinnedEndpoint.getJsonObject("eventVersions").getInt(type)).isEqualTo(1);
            Outbound.createEndpoint(latest.url(), type);
            String v2 = "{\"invoiceId\": \"in_9\", \"amount\": 900, \"currency\": \"EUR\"}";
            String v1 = "{\"invoiceId\": \"in_9\", \"amount\": 900}";

            JsonObject refused = Problems.assertProblem(Http.admin().postJson("/api/events",
                    "{\"type\": \"%s\", \"data\": %s}".formatted(type, v2)), 422);
            assertThat(refused.getString("detail")).contains(pinnedEndpoint.getString("id")).contains("otherVersions");
            JsonObject invalidOther = Problems.assertProblem(Http.admin().postJson("/api/events",
                    "{\"type\": \"%s\", \"data\": %s, \"otherVersions\": {\"1\": {\"amount\": \"x\"}}}".formatted(type, v2)), 422);
            assertThat(invalidOther.getJsonArray("errors")).isNotEmpty();

            Reply published = Http.admin().postJson("/api/events",
                    "{\"type\": \"%s\", \"data\": %s, \"otherVersions\": {\"1\": %s}}".formatted(type, v2, v1));
            assertThat(published.status()).as(published.toString()).isEqualTo(202);
            String eventId = published.json().getString("id");

            JsonObject toPinned = pinned.awaitRequests(1).get(0).json();
            assertThat(toPinned.getString("id")).isEqualTo(eventId);
            assertThat(toPinned.getInt("version")).isEqualTo(1);
            assertThat(toPinned.getJsonObject("data").containsKey("currency")).isFalse();
            JsonObject toLatest = latest.awaitRequests(1).get(0).json();
            assertThat(toLatest.getString("id")).isEqualTo(eventId);
            assertThat(toLatest.getInt("version")).isEqualTo(2);
            assertThat(toLatest.getJsonObject("data").getString("currency")).isEqualTo("EUR");
            assertThat(pinned.requests()).as("the refused publishes delivered nothing").hasSize(1);
            assertThat(Outbound.deliveries("event=" + Outbound.encode(eventId))).extracting(d -> d.getInt("version"))
                    .containsExactlyInAnyOrder(1, 2);
        }
        Problems.assertInvalidField(Http.admin().postJson("/api/endpoints", Outbound.endpoint("https://example.com/hook", type)
                .add("eventVersions", Json.createObjectBuilder().add(type, 7)).build().toString()), "eventVersions");
        Problems.assertInvalidField(Http.admin().postJson("/api/endpoints", Outbound.endpoint("https://example.com/hook", type)
                .add("eventVersions", Json.createObjectBuilder().add(type + ".other", 1)).build().toString()), "eventVersions");
    }

    @Test
    void aDeprecatedTypeStillPublishesAndEachEventIsCounted() {
        String type = Outbound.uniqueType("invoice.old");
        Reply created = Http.admin().putJson("/api/event-types/" + type, "{\"deprecated\": true, \"schemas\": {\"1\": " + INVOICE_V1 + "}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        for (int i = 0; i < 2; i++) {
            Reply published = Http.admin().postJson("/api/events",
                    "{\"type\": \"%s\", \"data\": {\"invoiceId\": \"in_%d\", \"amount\": 1}}".formatted(type, i));
            assertThat(published.status()).as(published.toString()).isEqualTo(202);
        }
        assertThat(Management.scrape().sum("hookbridge_events_deprecated_total", "type", type)).isEqualTo(2.0);
    }

    @Test
    void aTypeNotInTheCatalogIsPublishedUncheckedAndHasNoVersion() {
        String type = Outbound.uniqueType("not.catalogued");
        Reply published = Http.admin().postJson("/api/events", "{\"type\": \"%s\", \"data\": {\"anything\": true}}".formatted(type));
        assertThat(published.status()).as(published.toString()).isEqualTo(202);
        assertThat(Http.admin().get("/api/events/" + published.json().getString("id")).json().containsKey("version")).isFalse();
        JsonObject versioned = Problems.assertProblem(Http.admin().postJson("/api/events",
                "{\"type\": \"%s\", \"version\": 1, \"data\": {}}".formatted(type)), 422);
        assertThat(versioned.getString("detail")).contains("not in the catalog");
    }

    @Test
    void anInvalidEventOverJmsIsParkedInTheOutboundDlqWithItsReason() throws JMSException {
        String type = createType(INVOICE_V1);
        String marker = UUID.randomUUID().toString();
        Jms.send(Jms.asClient(), "webhooks.outbound", "{\"invoiceId\": \"in_1\", \"amount\": \"lots\"}",
                Map.of("type", type, "testMarker", marker + "-invalid"));
        Jms.send(Jms.asClient(), "webhooks.outbound", "{\"invoiceId\": \"in_1\", \"amount\": 1}",
                Map.of("type", type, "version", "4", "testMarker", marker + "-version"));

        Message invalid = parked(marker + "-invalid");
        assertThat(invalid.getStringProperty("reason")).contains("version 1").contains("$.amount");
        assertThat(invalid.getStringProperty("type")).isEqualTo(type);
        assertThat(parked(marker + "-version").getStringProperty("reason")).contains("no version 4");
    }

    @Test
    void theCatalogIsExportedAsOpenApiWithAWebhookForEveryVersion() {
        String type = createType(INVOICE_V1);
        Http.admin().putJson("/api/event-types/" + type, "{\"description\": \"An invoice was paid\", \"group\": \"billing\","
                + " \"schemas\": {\"1\": " + INVOICE_V1 + ", \"2\": " + INVOICE_V2 + "},"
                + " \"examples\": {\"2\": {\"invoiceId\": \"in_1\", \"amount\": 1200, \"currency\": \"EUR\"}}}");
        Reply export = Http.viewer().get("/api/catalog/openapi.json");
        assertThat(export.status()).as(export.toString()).isEqualTo(200);

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(export.body(), null, options);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        OpenAPI openApi = parsed.getOpenAPI();
        assertThat(openApi.getOpenapi()).isEqualTo("3.1.0");

        // Every version of every catalogued type (other tests' types included) has its entry.
        List<String> expected = new ArrayList<>();
        String after = null;
        do {
            Reply page = Http.viewer().get("/api/event-types?limit=100" + (after == null ? "" : "&after=" + after));
            page.items().forEach(item -> item.asJsonObject().getJsonObject("schemas").keySet()
                    .forEach(version -> expected.add(item.asJsonObject().getString("name") + ".v" + version)));
            after = page.json().isNull("next") ? null : page.json().getString("next");
        } while (after != null);
        assertThat(openApi.getWebhooks().keySet()).containsExactlyInAnyOrderElementsOf(expected);

        Operation v2 = openApi.getWebhooks().get(type + ".v2").getPost();
        assertThat(v2.getSummary()).isEqualTo("An invoice was paid");
        assertThat(v2.getTags()).containsExactly("billing");
        assertThat(v2.getParameters()).extracting(Parameter::getName)
                .contains("webhook-id", "webhook-timestamp", "webhook-signature");
        MediaType body = v2.getRequestBody().getContent().get("application/json");
        assertThat(body.getExample()).isNotNull();
        assertThat(openApi.getComponents().getSchemas().get(type + ".v2").getProperties()).containsKey("currency");
        assertThat(openApi.getComponents().getSchemas().get(type + ".v1").getProperties()).doesNotContainKey("currency");
    }

    private static Message parked(String marker) {
        List<Message> parked = Waits.await(marker + " in DLQ.webhooks.outbound").atMost(Duration.ofSeconds(30))
                .until(() -> QueueBrowsing.browse(Jms.asAdmin(), "DLQ.webhooks.outbound", "testMarker = '" + marker + "'"), l -> !l.isEmpty());
        assertThat(parked).hasSize(1);
        return parked.get(0);
    }

    private static String createType(String schema) {
        String type = Outbound.uniqueType("invoice.paid");
        Reply created = Http.admin().putJson("/api/event-types/" + type, "{\"schemas\": {\"1\": " + schema + "}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return type;
    }
}
