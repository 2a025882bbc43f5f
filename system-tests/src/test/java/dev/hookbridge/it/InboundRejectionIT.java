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
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.hookbridge.it.support.Providers.FORM;
import static dev.hookbridge.it.support.Providers.JSON;
import static dev.hookbridge.it.support.Providers.now;
import static dev.hookbridge.it.support.Providers.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of docs/inbound.md, "Answers": the status, a problem-details body, nothing stored
 * for the source, and the order of the checks (404, 415, 413, 401, 400: the first failing one
 * answers).
 */
@SystemTest
class InboundRejectionIT {

    private static final int TOLERANCE_SECONDS = 300;

    @Test
    void unknownSourceIs404() {
        String unknown = Fixtures.uniqueName("nosuch");
        String body = stripeBody("evt_" + UUID.randomUUID());

        Reply reply = Providers.stripe(unknown, Signer.newSecret("whsec_"), body);

        Problems.assertProblem(reply, 404);
        assertNothingStored(unknown);
    }

    @Test
    void mediaTypeTheSourceDoesNotAcceptIs415() {
        String source = Fixtures.uniqueName("mediatype");
        String secret = createStripeSource(source, Map.of());
        String body = stripeBody("evt_" + UUID.randomUUID());
        long ts = now();
        Http signed = Http.anonymous().header("Stripe-Signature", Signer.stripe(secret, ts, body));

        Problems.assertProblem(post(signed, source, "text/plain", body), 415);
        Problems.assertProblem(post(signed, source, "application/xml", body), 415);
        Problems.assertProblem(post(signed, source, null, body), 415);

        assertNothingStored(source);
    }

    @Test
    void formEncodedIsRefusedWhenTheSourceTakesOnlyJson() {
        String source = Fixtures.uniqueName("jsononly");
        String secret = Signer.newSecret("slack-");
        Fixtures.createSource(source, "slack", List.of(secret), Map.of("mediaTypes", "application/json"), null);

        Problems.assertProblem(Providers.slack(source, secret, FORM, "command=%2Fdeploy&text=prod"), 415);

        assertNothingStored(source);
    }

    @Test
    void bodyOverTheSourceLimitIs413WithOrWithoutContentLength() {
        String source = Fixtures.uniqueName("toolarge");
        String secret = createStripeSource(source, Map.of("maxBodyBytes", "1024"));
        String body = stripeBody("evt_" + UUID.randomUUID(), 2048);
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(2048);
        Http signed = Http.anonymous().header("Stripe-Signature", Signer.stripe(secret, now(), body));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        Problems.assertProblem(signed.post(Providers.path(source), JSON, bytes), 413);
        Problems.assertProblem(signed.postStreaming(Providers.path(source), JSON, bytes), 413);

        assertNothingStored(source);

        // The same source takes a signed body within the limit, streamed too: the limit is what refused.
        String small = stripeBody("evt_" + UUID.randomUUID(), 1000);
        Reply accepted = Http.anonymous().header("Stripe-Signature", Signer.stripe(secret, now(), small))
                .postStreaming(Providers.path(source), JSON, small.getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(Fixtures.inbox(source)).hasSize(1);
        // Proof that the streamed requests really came without a Content-Length.
        JsonObject headers = Fixtures.inboxDetail(accepted.json().getString("inboxId")).getJsonObject("headers");
        assertThat(headers.keySet()).doesNotContain("content-length");
        assertThat(headers.getJsonArray("transfer-encoding").getString(0)).containsIgnoringCase("chunked");
    }

    @Test
    void bodyOverTheDefaultLimitOfOneMebibyteIs413() {
        String source = Fixtures.uniqueName("defaultlimit");
        String secret = createStripeSource(source, Map.of());
        String body = stripeBody("evt_" + UUID.randomUUID(), 1024 * 1024 + 1);
        Http signed = Http.anonymous().header("Stripe-Signature", Signer.stripe(secret, now(), body));

        Problems.assertProblem(signed.post(Providers.path(source), JSON, body.getBytes(StandardCharsets.UTF_8)), 413);
        Problems.assertProblem(signed.postStreaming(Providers.path(source), JSON, body.getBytes(StandardCharsets.UTF_8)), 413);

        assertNothingStored(source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stripe", "github", "slack", "standard", "hmac"})
    void missingSignatureIs401(String scheme) {
        String source = Fixtures.uniqueName("nosig-" + scheme);
        String secret = "standard".equals(scheme) ? Signer.newStandardSecret() : Signer.newSecret("s-");
        Map<String, String> options = "hmac".equals(scheme)
                ? Map.of("header", "X-Signature", "eventIdField", "/id") : Map.of();
        Fixtures.createSource(source, scheme, List.of(secret), options, null);
        String body = stripeBody("evt_" + UUID.randomUUID());
        // Everything a valid request of the scheme has, except the signature itself.
        Http unsigned = Http.anonymous()
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-GitHub-Event", "push")
                .header("X-Slack-Request-Timestamp", Long.toString(now()))
                .header("webhook-id", "msg_" + UUID.randomUUID())
                .header("webhook-timestamp", Long.toString(now()));

        Problems.assertProblem(post(unsigned, source, JSON, body), 401);

        assertNothingStored(source);
    }

    @Test
    void badSignatureIs401() {
        String source = Fixtures.uniqueName("badsig");
        String secret = createStripeSource(source, Map.of());
        String body = stripeBody("evt_" + UUID.randomUUID());
        long ts = now();
        String valid = Signer.stripe(secret, ts, body);
        String flipped = valid.substring(0, valid.length() - 1) + (valid.endsWith("0") ? "1" : "0");

        for (String signature : List.of(
                "t=" + ts + ",v1=" + "0".repeat(64),
                "t=" + ts + ",v1=not-hex-at-all",
                flipped,
                "t=" + ts,
                "v1=" + valid.substring(valid.indexOf("v1=") + 3),
                "garbage")) {
            Problems.assertProblem(post(Http.anonymous().header("Stripe-Signature", signature), source, JSON, body), 401);
        }
        // The signature covers the raw bytes: the same JSON re-serialised with other spacing does not pass.
        Problems.assertProblem(post(Http.anonymous().header("Stripe-Signature", valid), source, JSON, body + " "), 401);

        assertNothingStored(source);
    }

    @Test
    void signatureMadeWithAnotherSecretIs401() {
        String source = Fixtures.uniqueName("wrongsecret");
        createStripeSource(source, Map.of());

        Problems.assertProblem(Providers.stripe(source, Signer.newSecret("whsec_"), stripeBody("evt_" + UUID.randomUUID())), 401);

        String gh = Fixtures.uniqueName("wrongsecret-gh");
        Fixtures.createSource(gh, "github", List.of(Signer.newSecret("gh-")), Map.of(), null);
        Problems.assertProblem(Providers.github(gh, Signer.newSecret("gh-"), UUID.randomUUID().toString(), "push", "{}"), 401);

        String std = Fixtures.uniqueName("wrongsecret-std");
        Fixtures.createStandardSource(std);
        Problems.assertProblem(Providers.standard(std, Signer.newStandardSecret(), "msg_1", now(), Fixtures.standardBody("a.b")), 401);

        assertNothingStored(source);
        assertNothingStored(gh);
        assertNothingStored(std);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stripe", "slack", "standard"})
    void timestampOlderThanTheToleranceIs401(String scheme) {
        assertTimestampRefused(scheme, now() - TOLERANCE_SECONDS - 120);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stripe", "slack", "standard"})
    void timestampFurtherAheadThanTheToleranceIs401(String scheme) {
        assertTimestampRefused(scheme, now() + TOLERANCE_SECONDS + 120);
    }

    @Test
    void timestampWithinTheToleranceIsAccepted() {
        String source = Fixtures.uniqueName("skew-ok");
        String secret = createStripeSource(source, Map.of());

        Reply old = Providers.stripe(source, secret, now() - TOLERANCE_SECONDS + 60, stripeBody("evt_old"));
        Reply ahead = Providers.stripe(source, secret, now() + TOLERANCE_SECONDS - 60, stripeBody("evt_ahead"));

        assertThat(old.status()).as(old.toString()).isEqualTo(200);
        assertThat(ahead.status()).as(ahead.toString()).isEqualTo(200);
        assertThat(Fixtures.inbox(source)).hasSize(2);
    }

    @Test
    void missingEventIdIs400() {
        String source = Fixtures.uniqueName("noid");
        String secret = createStripeSource(source, Map.of());
        String noId = Json.createObjectBuilder().add("type", "charge.succeeded")
                .add("data", Json.createObjectBuilder().add("n", 1)).build().toString();
        String blankId = Json.createObjectBuilder().add("id", "").add("type", "charge.succeeded").build().toString();

        Problems.assertProblem(Providers.stripe(source, secret, noId), 400);
        Problems.assertProblem(Providers.stripe(source, secret, blankId), 400);
        assertNothingStored(source);

        // GitHub's id is the X-GitHub-Delivery header: a signed delivery without it is malformed too.
        String gh = Fixtures.uniqueName("noid-gh");
        String ghSecret = Signer.newSecret("gh-");
        Fixtures.createSource(gh, "github", List.of(ghSecret), Map.of(), null);
        String body = "{\"action\":\"opened\"}";
        Http noDelivery = Http.anonymous().header("X-GitHub-Event", "issues")
                .header("X-Hub-Signature-256", Signer.github(ghSecret, body));
        Problems.assertProblem(post(noDelivery, gh, JSON, body), 400);
        assertNothingStored(gh);
    }

    @Test
    void controlCharactersInTheEventIdOrTypeAre400() {
        String source = Fixtures.uniqueName("ctrl");
        String secret = createStripeSource(source, Map.of());
        // Signed, well-formed JSON whose id or type would forge a log line or break PostgreSQL text.
        String crlfId = Json.createObjectBuilder().add("id", "evt_1\r\nforged").add("type", "charge.succeeded").build().toString();
        String nulType = Json.createObjectBuilder().add("id", "evt_2").add("type", "charge\u0000succeeded").build().toString();

        JsonObject idProblem = Problems.assertProblem(Providers.stripe(source, secret, crlfId), 400);
        assertThat(idProblem.getString("detail")).contains("event id", "control characters");
        JsonObject typeProblem = Problems.assertProblem(Providers.stripe(source, secret, nulType), 400);
        assertThat(typeProblem.getString("detail")).contains("event type", "control characters");
        assertNothingStored(source);
    }

    @Test
    void malformedJsonIs400() {
        String source = Fixtures.uniqueName("malformed");
        String secret = createStripeSource(source, Map.of());

        for (String body : List.of("{\"id\": \"evt_1\", \"type\": ", "not json", "[{\"id\":\"evt_1\"}]",
                "{\"id\":\"evt_1\"} {\"id\":\"evt_2\"}", "\"evt_1\"")) {
            Problems.assertProblem(Providers.stripe(source, secret, body), 400);
        }
        // An empty body is malformed too (after the signature over it matched).
        Problems.assertProblem(Providers.stripe(source, secret, ""), 400);

        assertNothingStored(source);
    }

    @Test
    void unknownSourceIsCheckedBeforeTheMediaType() {
        String unknown = Fixtures.uniqueName("nosuch");

        Problems.assertProblem(post(Http.anonymous(), unknown, "text/plain", "hello"), 404);

        assertNothingStored(unknown);
    }

    /** Found by the fault suite: the JSON parser's nesting limit escaped as a 500. */
    @Test
    void jsonNestedTooDeeplyIs400() {
        String source = Fixtures.uniqueName("deepjson");
        String secret = Fixtures.createStandardSource(source);
        String body = "{\"type\":\"a.b\",\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        Problems.assertProblem(Providers.standard(source, secret, "msg_" + UUID.randomUUID(), now(), body), 400);

        assertNothingStored(source);
    }

    /**
     * Found by the fault suite: a body that ends before its Content-Length (the sender closes its side)
     * was a 500; it is malformed, a 400.
     */
    @Test
    void bodyCutOffBeforeItsContentLengthIs400() throws Exception {
        String source = Fixtures.uniqueName("cutoff");
        String secret = Fixtures.createStandardSource(source);
        String id = "msg_" + UUID.randomUUID();
        long ts = now();
        byte[] body = Fixtures.standardBody("a.b").getBytes(StandardCharsets.UTF_8);
        java.net.URI base = java.net.URI.create(TestStack.baseUrl());
        String head = "POST /webhooks/" + source + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nwebhook-id: " + id
                + "\r\nwebhook-timestamp: " + ts + "\r\nwebhook-signature: "
                + Signer.standard(secret, id, ts, new String(body, StandardCharsets.UTF_8)) + "\r\n\r\n";
        String statusLine;
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body, 0, body.length / 2);
            socket.shutdownOutput();
            statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
        }

        assertThat(statusLine).startsWith("HTTP/1.1 400");
        assertNothingStored(source);
    }

    @Test
    void mediaTypeIsCheckedBeforeSizeAndSignature() {
        String source = Fixtures.uniqueName("order415");
        createStripeSource(source, Map.of("maxBodyBytes", "1024"));
        String oversized = stripeBody("evt_" + UUID.randomUUID(), 2048);

        Problems.assertProblem(post(Http.anonymous().header("Stripe-Signature", "t=1,v1=00"), source, "text/plain", oversized), 415);

        assertNothingStored(source);
    }

    @Test
    void sizeIsCheckedBeforeTheSignature() {
        String source = Fixtures.uniqueName("order413");
        createStripeSource(source, Map.of("maxBodyBytes", "1024"));
        String oversized = stripeBody("evt_" + UUID.randomUUID(), 2048);
        Http badlySigned = Http.anonymous().header("Stripe-Signature", "t=" + now() + ",v1=" + "0".repeat(64));

        Problems.assertProblem(post(badlySigned, source, JSON, oversized), 413);
        Problems.assertProblem(post(Http.anonymous(), source, JSON, oversized), 413);
        Problems.assertProblem(badlySigned.postStreaming(Providers.path(source), JSON,
                oversized.getBytes(StandardCharsets.UTF_8)), 413);

        assertNothingStored(source);
    }

    @Test
    void signatureIsCheckedBeforeTheContent() {
        String source = Fixtures.uniqueName("order401");
        String secret = createStripeSource(source, Map.of());
        Http badlySigned = Http.anonymous().header("Stripe-Signature", "t=" + now() + ",v1=" + "0".repeat(64));

        Problems.assertProblem(post(badlySigned, source, JSON, "{not json"), 401);
        Problems.assertProblem(post(badlySigned, source, JSON, "{\"type\":\"no.id\"}"), 401);
        // A stale timestamp is a signature failure, so it too comes before the content.
        String stale = Signer.stripe(secret, now() - TOLERANCE_SECONDS - 120, "{not json");
        Problems.assertProblem(post(Http.anonymous().header("Stripe-Signature", stale), source, JSON, "{not json"), 401);

        assertNothingStored(source);
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A stripe source with a whsec_ secret, as Stripe hands them out; answers the secret. */
    private static String createStripeSource(String name, Map<String, String> options) {
        String secret = Signer.newSecret("whsec_");
        Fixtures.createSource(name, "stripe", List.of(secret), options, null);
        return secret;
    }

    private void assertTimestampRefused(String scheme, long timestamp) {
        String source = Fixtures.uniqueName("skew-" + scheme);
        String secret = "standard".equals(scheme) ? Signer.newStandardSecret() : Signer.newSecret("whsec_");
        Fixtures.createSource(source, scheme, List.of(secret), Map.of(), null);
        String body = stripeBody("evt_" + UUID.randomUUID());

        Reply reply = switch (scheme) {
            case "stripe" -> Providers.stripe(source, secret, timestamp, body);
            case "slack" -> Providers.slack(source, secret, timestamp, JSON, body);
            case "standard" -> Providers.standard(source, secret, "msg_" + UUID.randomUUID(), timestamp, body);
            default -> throw new IllegalArgumentException(scheme);
        };

        Problems.assertProblem(reply, 401);
        assertNothingStored(source);

        // Control: the same source accepts the same kind of request signed now.
        Reply fresh = switch (scheme) {
            case "stripe" -> Providers.stripe(source, secret, now(), body);
            case "slack" -> Providers.slack(source, secret, now(), JSON, body);
            default -> Providers.standard(source, secret, "msg_" + UUID.randomUUID(), now(), body);
        };
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
    }

    private static void assertNothingStored(String source) {
        Reply page = Http.admin().get("/api/inbox?source=" + source);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.items()).as("inbox rows of %s", source).isEmpty();
    }

    private static String stripeBody(String id) {
        return Json.createObjectBuilder().add("id", id).add("object", "event").add("type", "charge.succeeded")
                .add("data", Json.createObjectBuilder().add("object", Json.createObjectBuilder().add("id", "ch_1")))
                .build().toString();
    }

    /** A Stripe-like event padded to exactly {@code size} bytes of ASCII JSON. */
    private static String stripeBody(String id, int size) {
        JsonObject skeleton = Json.createObjectBuilder().add("id", id).add("type", "charge.succeeded").add("pad", "").build();
        int missing = size - skeleton.toString().length();
        if (missing < 0) {
            throw new IllegalArgumentException("size " + size + " is too small");
        }
        return Json.createObjectBuilder().add("id", id).add("type", "charge.succeeded").add("pad", "x".repeat(missing))
                .build().toString();
    }
}
