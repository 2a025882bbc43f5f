package dev.hookbridge.it.support;

import dev.hookbridge.testsupport.Signer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Sends webhooks to {@code POST /webhooks/{source}} signed the way each provider signs them (with
 * {@link Signer}, never with the product's code). Tests that need a broken request set their own
 * headers on {@link Http#anonymous()} and send it with {@link #post}.
 */
public final class Providers {

    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";

    private Providers() {
    }

    public static long now() {
        return Instant.now().getEpochSecond();
    }

    public static String path(String source) {
        return "/webhooks/" + source;
    }

    public static Reply post(Http client, String source, String contentType, String body) {
        return client.post(path(source), contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply stripe(String source, String secret, String body) {
        return stripe(source, secret, now(), body);
    }

    public static Reply stripe(String source, String secret, long timestamp, String body) {
        return post(Http.anonymous().header("Stripe-Signature", Signer.stripe(secret, timestamp, body)), source, JSON, body);
    }

    public static Reply github(String source, String secret, String deliveryId, String event, String body) {
        return post(Http.anonymous()
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-GitHub-Event", event)
                .header("X-Hub-Signature-256", Signer.github(secret, body)), source, JSON, body);
    }

    public static Reply slack(String source, String secret, String contentType, String body) {
        return slack(source, secret, now(), contentType, body);
    }

    public static Reply slack(String source, String secret, long timestamp, String contentType, String body) {
        return post(Http.anonymous()
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", Signer.slack(secret, timestamp, body)), source, contentType, body);
    }

    public static Reply standard(String source, String secret, String id, long timestamp, String body) {
        return post(Http.anonymous()
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signer.standard(secret, id, timestamp, body)), source, JSON, body);
    }
}
