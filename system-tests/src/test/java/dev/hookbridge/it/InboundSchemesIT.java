package dev.hookbridge.it;

import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Problems;
import dev.hookbridge.it.support.Providers;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.Signer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.hookbridge.it.support.Providers.FORM;
import static dev.hookbridge.it.support.Providers.JSON;
import static dev.hookbridge.it.support.Providers.now;
import static dev.hookbridge.it.support.Providers.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One accepted webhook per scheme of docs/inbound.md, "Signature schemes", signed by the test's own
 * {@code Signer}: the answer and the stored event id and type, signature headers stored redacted;
 * plus Slack's handshake, secret rotation, and replays of body-only signatures under a new id.
 */
@SystemTest
class InboundSchemesIT {

    @Test
    void stripeEventIsIdentifiedByBodyIdAndTypeAndSignedWithTheWhsecSecretAsUtf8() {
        String source = Fixtures.uniqueName("stripe");
        String secret = Signer.newSecret("whsec_");
        Fixtures.createSource(source, "stripe", List.of(secret), Map.of(), null);
        String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String body = Json.createObjectBuilder().add("id", id).add("object", "event").add("type", "invoice.paid")
                .add("data", Json.createObjectBuilder().add("object", Json.createObjectBuilder().add("id", "in_1")))
                .build().toString();

        // Not the Standard Webhooks way: a key base64-decoded from after "whsec_" must not verify.
        long ts = now();
        byte[] decodedKey = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        String decodedSignature = "t=" + ts + ",v1=" + HexFormat.of().formatHex(
                Signer.hmac("HmacSHA256", decodedKey, (ts + "." + body).getBytes(StandardCharsets.UTF_8)));
        Problems.assertProblem(post(Http.anonymous().header("Stripe-Signature", decodedSignature), source, JSON, body), 401);

        // Stripe sends its JSON with a charset parameter.
        Reply reply = post(Http.anonymous().header("Stripe-Signature", Signer.stripe(secret, now(), body)),
                source, "application/json; charset=utf-8", body);

        JsonObject row = assertAccepted(reply, id);
        assertThat(row.getString("source")).isEqualTo(source);
        assertThat(row.getString("eventType")).isEqualTo("invoice.paid");
        assertThat(row.getString("body")).isEqualTo(body);
        assertThat(row.getJsonObject("headers").getJsonArray("stripe-signature").getString(0)).isEqualTo("(redacted)");
        assertThat(row.getBoolean("eventIdSigned")).isTrue();
        assertThat(row.getBoolean("eventTypeSigned")).isTrue();
    }

    @Test
    void stripeHeaderWithSeveralV1SignaturesPassesWhenOneMatches() {
        String source = Fixtures.uniqueName("stripe-multi");
        String secret = Signer.newSecret("whsec_");
        Fixtures.createSource(source, "stripe", List.of(secret), Map.of(), null);
        String id = "evt_" + UUID.randomUUID();
        String body = Json.createObjectBuilder().add("id", id).add("type", "charge.refunded").build().toString();
        long ts = now();
        String good = Signer.stripe(secret, ts, body);
        String header = "t=" + ts + ",v1=" + "ab".repeat(32) + "," + good.substring(good.indexOf("v1=")) + ",v0=" + "cd".repeat(32);

        Reply reply = post(Http.anonymous().header("Stripe-Signature", header), source, JSON, body);

        assertThat(assertAccepted(reply, id).getString("eventType")).isEqualTo("charge.refunded");
    }

    @Test
    void githubEventIsIdentifiedByDeliveryHeaderAndEventPlusAction() {
        String source = Fixtures.uniqueName("github");
        String secret = Signer.newSecret("gh-");
        Fixtures.createSource(source, "github", List.of(secret), Map.of(), null);
        String delivery = UUID.randomUUID().toString();
        String body = Json.createObjectBuilder().add("action", "opened")
                .add("issue", Json.createObjectBuilder().add("number", 7)).build().toString();

        JsonObject row = assertAccepted(Providers.github(source, secret, delivery, "issues", body), delivery);
        assertThat(row.getString("eventType")).isEqualTo("issues.opened");
        assertThat(row.getJsonObject("headers").getJsonArray("x-github-delivery").getString(0)).isEqualTo(delivery);
        assertThat(row.getJsonObject("headers").getJsonArray("x-hub-signature-256").getString(0)).isEqualTo("(redacted)");
        assertThat(row.getBoolean("eventIdSigned")).as("the delivery id header is not signed").isFalse();
        assertThat(row.getBoolean("eventTypeSigned")).as("the event header is not signed").isFalse();

        // Without an action in the body the type is the event header alone.
        String push = UUID.randomUUID().toString();
        JsonObject pushRow = assertAccepted(Providers.github(source, secret, push, "push", "{\"ref\":\"refs/heads/main\"}"), push);
        assertThat(pushRow.getString("eventType")).isEqualTo("push");
    }

    @Test
    void githubBodyPostedAgainUnderANewDeliveryIdAndEventIsADuplicate() {
        String source = Fixtures.uniqueName("github-replay");
        String secret = Signer.newSecret("gh-");
        Fixtures.createSource(source, "github", List.of(secret), Map.of(), null);
        String delivery = UUID.randomUUID().toString();
        String body = Json.createObjectBuilder().add("action", "opened")
                .add("issue", Json.createObjectBuilder().add("number", 8)).build().toString();
        JsonObject original = assertAccepted(Providers.github(source, secret, delivery, "issues", body), delivery);

        // What a viewer or a proxy log saw, posted again: the same signed body, a new delivery id, another event.
        Reply replay = post(Http.anonymous()
                .header("X-Hub-Signature-256", Signer.github(secret, body))
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-GitHub-Event", "repository"), source, JSON, body);

        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        assertThat(replay.json().getBoolean("duplicate")).isTrue();
        assertThat(replay.json().getString("inboxId")).isEqualTo(original.getString("id"));
        assertThat(replay.json().getString("eventId")).as("the answer names the event stored first").isEqualTo(delivery);
        assertThat(Fixtures.inbox(source)).extracting(r -> r.getString("eventId")).containsExactly(delivery);
        assertThat(Fixtures.awaitStatus(original.getString("id"), "PROCESSED").getString("eventType")).isEqualTo("issues.opened");
    }

    @Test
    void hmacBodyPostedAgainUnderANewIdFromAHeaderIsADuplicate() {
        String source = Fixtures.uniqueName("hmac-replay");
        String secret = Signer.newSecret("plain-");
        Fixtures.createSource(source, "hmac", List.of(secret), Map.of(
                "header", "X-Signature", "eventIdHeader", "X-Event-Id", "eventTypeField", "/kind"), null);
        String body = Json.createObjectBuilder().add("kind", "thing.happened")
                .add("n", UUID.randomUUID().toString()).build().toString();
        String id = UUID.randomUUID().toString();
        Http signed = Http.anonymous().header("X-Signature", Signer.generic("SHA-256", false, "", secret, body));

        JsonObject row = assertAccepted(post(signed.header("X-Event-Id", id), source, JSON, body), id);
        assertThat(row.getJsonObject("headers").getJsonArray("x-signature").getString(0)).isEqualTo("(redacted)");
        assertThat(row.getBoolean("eventIdSigned")).isFalse();
        assertThat(row.getBoolean("eventTypeSigned")).as("the type comes from the signed body").isTrue();

        Reply replay = post(Http.anonymous().header("X-Signature", Signer.generic("SHA-256", false, "", secret, body))
                .header("X-Event-Id", "replayed-" + UUID.randomUUID()), source, JSON, body);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        assertThat(replay.json().getBoolean("duplicate")).isTrue();
        assertThat(replay.json().getString("inboxId")).isEqualTo(row.getString("id"));
        assertThat(Fixtures.inbox(source)).hasSize(1);
    }

    @Test
    void slackEventCallbackIsIdentifiedByEventIdAndEventType() {
        String source = Fixtures.uniqueName("slack");
        String secret = Signer.newSecret("slack-");
        Fixtures.createSource(source, "slack", List.of(secret), Map.of(), null);
        String eventId = "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        String body = Json.createObjectBuilder().add("token", "t0k").add("team_id", "T123").add("type", "event_callback")
                .add("event_id", eventId).add("event_time", now())
                .add("event", Json.createObjectBuilder().add("type", "app_mention").add("text", "<@U1> hi"))
                .build().toString();

        JsonObject row = assertAccepted(Providers.slack(source, secret, JSON, body), eventId);

        assertThat(row.getString("eventType")).isEqualTo("app_mention");
    }

    @Test
    void slackFormBodyIsIdentifiedByAStableHashOfTheBody() {
        String source = Fixtures.uniqueName("slack-form");
        String secret = Signer.newSecret("slack-");
        Fixtures.createSource(source, "slack", List.of(secret), Map.of(), null);
        String body = "token=t0k&team_id=T123&command=%2Fdeploy&text=prod+now&trigger_id=" + UUID.randomUUID();

        Reply first = Providers.slack(source, secret, FORM, body);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String eventId = first.json().getString("eventId");
        assertThat(eventId).matches("sha256:[0-9a-f]{64}");
        assertThat(first.json().getBoolean("duplicate")).isFalse();
        JsonObject row = Fixtures.inboxDetail(first.json().getString("inboxId"));
        assertThat(row.getString("eventId")).isEqualTo(eventId);
        assertThat(row.getString("body")).isEqualTo(body);
        assertThat(row.getString("contentType")).startsWith(FORM);
        assertThat(row.containsKey("eventType") && !row.isNull("eventType")).as("no type in %s", row).isFalse();

        // Slack retries with the same body (and a new timestamp): the same id, so a duplicate.
        Reply retry = Providers.slack(source, secret, now(), FORM, body);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json().getString("eventId")).isEqualTo(eventId);
        assertThat(retry.json().getBoolean("duplicate")).isTrue();
        assertThat(retry.json().getString("inboxId")).isEqualTo(first.json().getString("inboxId"));

        // Another body is another event.
        Reply other = Providers.slack(source, secret, FORM, body + "&channel_id=C1");
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
        assertThat(other.json().getString("eventId")).startsWith("sha256:").isNotEqualTo(eventId);
        assertThat(Fixtures.inbox(source)).hasSize(2);
    }

    @Test
    void slackInteractivityFormWithJsonPayloadTakesItsTypeFromThePayload() {
        String source = Fixtures.uniqueName("slack-interactive");
        String secret = Signer.newSecret("slack-");
        Fixtures.createSource(source, "slack", List.of(secret), Map.of(), null);
        String payload = Json.createObjectBuilder().add("type", "block_actions")
                .add("trigger_id", UUID.randomUUID().toString()).build().toString();
        String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);

        Reply reply = Providers.slack(source, secret, FORM, body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getString("eventId")).startsWith("sha256:");
        assertThat(Fixtures.inboxDetail(reply.json().getString("inboxId")).getString("eventType")).isEqualTo("block_actions");
    }

    @Test
    void slackUrlVerificationIsAnsweredWithTheChallengeAndNotStored() {
        String source = Fixtures.uniqueName("slack-verify");
        String secret = Signer.newSecret("slack-");
        Fixtures.createSource(source, "slack", List.of(secret), Map.of(), null);
        String challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" + UUID.randomUUID().toString().replace("-", "");
        String body = Json.createObjectBuilder().add("token", "Jhj5dZrVaK7ZwHHjRyZWjbDl").add("challenge", challenge)
                .add("type", "url_verification").build().toString();

        // Verified first: an unsigned handshake is refused like any unsigned request.
        Problems.assertProblem(Providers.slack(source, Signer.newSecret("other-"), JSON, body), 401);

        Reply reply = Providers.slack(source, secret, JSON, body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain");
        assertThat(reply.body()).isEqualTo(challenge);
        assertThat(Fixtures.inbox(source)).isEmpty();
    }

    @Test
    void standardWebhookIsIdentifiedByWebhookIdAndBodyType() {
        String source = Fixtures.uniqueName("standard");
        String secret = Fixtures.createStandardSource(source);
        String id = "msg_" + UUID.randomUUID();
        String body = Fixtures.standardBody("invoice.created");

        JsonObject row = assertAccepted(Providers.standard(source, secret, id, now(), body), id);

        assertThat(row.getString("eventType")).isEqualTo("invoice.created");
    }

    @Test
    void hmacSchemeFollowsItsOptions() {
        String source = Fixtures.uniqueName("hmac");
        String secret = Signer.newSecret("acme-");
        Fixtures.createSource(source, "hmac", List.of(secret), Map.of(
                "header", "X-Acme-Signature",
                "algorithm", "SHA-512",
                "encoding", "base64",
                "prefix", "sha512=",
                "eventIdField", "/id",
                "eventTypeField", "/kind"), null);
        String id = "acme-" + UUID.randomUUID();
        String body = Json.createObjectBuilder().add("id", id).add("kind", "shipment.delivered")
                .add("data", Json.createObjectBuilder().add("parcel", 42)).build().toString();

        // Each option matters: the wrong algorithm, encoding or prefix does not verify.
        for (String wrong : List.of(
                Signer.generic("SHA-256", true, "sha512=", secret, body),
                Signer.generic("SHA-512", false, "sha512=", secret, body),
                Signer.generic("SHA-512", true, "", secret, body))) {
            Problems.assertProblem(post(Http.anonymous().header("X-Acme-Signature", wrong), source, JSON, body), 401);
        }
        assertThat(Fixtures.inbox(source)).isEmpty();

        Reply reply = post(Http.anonymous().header("X-Acme-Signature", Signer.generic("SHA-512", true, "sha512=", secret, body)),
                source, JSON, body);

        assertThat(assertAccepted(reply, id).getString("eventType")).isEqualTo("shipment.delivered");
    }

    @Test
    void hmacSchemeCanTakeIdAndTypeFromHeadersWithDefaultAlgorithmAndEncoding() {
        String source = Fixtures.uniqueName("hmac-headers");
        String secret = Signer.newSecret("plain-");
        Fixtures.createSource(source, "hmac", List.of(secret), Map.of(
                "header", "X-Signature", "eventIdHeader", "X-Event-Id", "eventTypeHeader", "X-Event-Type"), null);
        String id = UUID.randomUUID().toString();
        String body = "{\"anything\":true}";

        Reply reply = post(Http.anonymous()
                .header("X-Signature", Signer.generic("SHA-256", false, "", secret, body))
                .header("X-Event-Id", id)
                .header("X-Event-Type", "thing.happened"), source, JSON, body);

        assertThat(assertAccepted(reply, id).getString("eventType")).isEqualTo("thing.happened");
    }

    @Test
    void duringRotationASignatureWithAnyActiveSecretPasses() {
        String source = Fixtures.uniqueName("rotation");
        String oldSecret = Signer.newSecret("old-");
        String newSecret = Signer.newSecret("new-");
        Fixtures.createSource(source, "github", List.of(oldSecret, newSecret), Map.of(), null);
        String byOld = UUID.randomUUID().toString();
        String byNew = UUID.randomUUID().toString();

        // Each delivery its own body: GitHub's signature covers the body only, so a body seen before is a replay.
        assertAccepted(Providers.github(source, oldSecret, byOld, "star", starBody()), byOld);
        assertAccepted(Providers.github(source, newSecret, byNew, "star", starBody()), byNew);
        Problems.assertProblem(Providers.github(source, Signer.newSecret("other-"), UUID.randomUUID().toString(), "star", starBody()), 401);

        // The rotation ends by replacing the secrets: the old one no longer verifies.
        JsonArrayBuilder onlyNew = Json.createArrayBuilder().add(newSecret);
        Reply replaced = Http.admin().putJson("/api/sources/" + source,
                Json.createObjectBuilder().add("scheme", "github").add("secrets", onlyNew).build().toString());
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        Problems.assertProblem(Providers.github(source, oldSecret, UUID.randomUUID().toString(), "star", starBody()), 401);
        String afterRotation = UUID.randomUUID().toString();
        assertAccepted(Providers.github(source, newSecret, afterRotation, "star", starBody()), afterRotation);

        assertThat(Fixtures.inbox(source)).extracting(r -> r.getString("eventId")).containsExactly(byOld, byNew, afterRotation);
    }

    @Test
    void stripeSourceAcceptsASignatureByItsSecondSecret() {
        String source = Fixtures.uniqueName("stripe-rotation");
        String oldSecret = Signer.newSecret("whsec_");
        String newSecret = Signer.newSecret("whsec_");
        Fixtures.createSource(source, "stripe", List.of(newSecret, oldSecret), Map.of(), null);
        String id = "evt_" + UUID.randomUUID();
        String body = Json.createObjectBuilder().add("id", id).add("type", "customer.created").build().toString();

        assertAccepted(Providers.stripe(source, oldSecret, body), id);
    }

    /** Asserts a first-time 200 for the event id and answers the stored row (with body and headers). */
    private static String starBody() {
        return Json.createObjectBuilder().add("action", "created")
                .add("starred_at", UUID.randomUUID().toString()).build().toString();
    }

    private static JsonObject assertAccepted(Reply reply, String eventId) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonObject answer = reply.json();
        assertThat(answer.getString("eventId")).isEqualTo(eventId);
        assertThat(answer.getBoolean("duplicate")).isFalse();
        assertThat(answer.getString("inboxId")).isNotBlank();
        JsonObject row = Fixtures.inboxDetail(answer.getString("inboxId"));
        assertThat(row.getString("eventId")).isEqualTo(eventId);
        return row;
    }
}
