package dev.hookbridge.testsupport;

import dev.hookbridge.testsupport.Receiver.Answer;
import dev.hookbridge.testsupport.Receiver.Request;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The test receiver itself: scripted answers, recorded requests and arrivals, going down and coming
 * back, and a signature check that accepts a Standard Webhooks signature made by {@link Signer} and
 * refuses anything else — so that a passing outbound test means the product signed correctly.
 */
class ReceiverTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void answersFromTheScriptThenTheDefaultAndRecordsEveryRequest() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            receiver.then(Answer.retryAfter(503, "7"), Answer.redirect(307, receiver.url("/elsewhere"))).otherwise(Answer.of(204));

            HttpResponse<String> first = post(receiver, "msg_1", "1", "v1,x", "{}");
            HttpResponse<String> second = post(receiver, "msg_1", "1", "v1,x", "{}");
            HttpResponse<String> third = post(receiver, "msg_2", "1", "v1,x", "{\"a\":1}");

            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(first.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(second.statusCode()).isEqualTo(307);
            assertThat(second.headers().firstValue("Location")).hasValue(receiver.url("/elsewhere"));
            assertThat(third.statusCode()).isEqualTo(204);
            assertThat(receiver.requests()).hasSize(3);
            assertThat(receiver.requests("msg_1")).hasSize(2);
            assertThat(receiver.awaitRequests("msg_2", 1).get(0).json().getInt("a")).isEqualTo(1);
            assertThat(receiver.requests().get(0).header("Webhook-Id")).hasValue("msg_1");
        }
    }

    @Test
    void signatureCheckAcceptsAnyActiveSecretAndRefusesEverythingElse() throws Exception {
        String oldSecret = Signer.newStandardSecret();
        String newSecret = Signer.newStandardSecret();
        String body = "{\"id\":\"msg_1\",\"type\":\"a.b\",\"data\":{\"s\":\"äöü\"}}";
        long now = Instant.now().getEpochSecond();
        try (Receiver receiver = Receiver.start()) {
            post(receiver, "msg_1", Long.toString(now), Signer.standard(oldSecret, "msg_1", now, body), body);
            post(receiver, "msg_1", Long.toString(now),
                    Signer.standard(oldSecret, "msg_1", now, body) + " " + Signer.standard(newSecret, "msg_1", now, body), body);
            post(receiver, "msg_1", Long.toString(now), Signer.standard(oldSecret, "msg_1", now, body), body + " ");
            post(receiver, "msg_1", Long.toString(now - 600), Signer.standard(oldSecret, "msg_1", now - 600, body), body);
            post(receiver, "msg_2", Long.toString(now), Signer.standard(oldSecret, "msg_1", now, body), body);

            List<Request> requests = receiver.requests();
            assertThat(requests.get(0).verifySignature(List.of(oldSecret))).isTrue();
            assertThat(requests.get(0).verifySignature(List.of(newSecret))).isFalse();
            assertThat(requests.get(0).verifySignature(List.of(newSecret, oldSecret))).isTrue();
            assertThat(requests.get(1).signatureEntries()).hasSize(2);
            assertThat(requests.get(1).verifySignature(List.of(oldSecret))).isTrue();
            assertThat(requests.get(1).verifySignature(List.of(newSecret))).isTrue();
            assertThat(requests.get(1).verifySignature(List.of(Signer.newStandardSecret()))).isFalse();
            assertThat(requests.get(2).verifySignature(List.of(oldSecret))).as("changed body").isFalse();
            assertThat(requests.get(3).verifySignature(List.of(oldSecret))).as("stale timestamp").isFalse();
            assertThat(requests.get(4).verifySignature(List.of(oldSecret))).as("other id").isFalse();
        }
    }

    @Test
    void countsAndTimesTheArrivalsOfEachWebhookId() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            long before = System.nanoTime();
            post(receiver, "msg_1", "1", "v1,x", "{}");
            long between = System.nanoTime();
            post(receiver, "msg_1", "1", "v1,x", "{}");
            post(receiver, "msg_2", "1", "v1,x", "{}");

            assertThat(receiver.arrivalsPerWebhookId()).containsOnly(entry("msg_1", 2), entry("msg_2", 1));
            assertThat(receiver.firstArrivalNanos("msg_1")).isBetween(before, between);
            assertThat(receiver.firstArrivalNanos("msg_3")).isNull();
        }
    }

    @Test
    void goesDownAndComesBackOnTheSamePort() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String url = receiver.url();
            receiver.goDown();
            assertThatThrownBy(() -> post(receiver, "msg_1", "1", "v1,x", "{}")).isInstanceOf(ConnectException.class);
            receiver.comeBack();
            assertThat(receiver.url()).isEqualTo(url);
            assertThat(post(receiver, "msg_1", "1", "v1,x", "{}").statusCode()).isEqualTo(200);
            assertThat(receiver.arrivalsPerWebhookId()).containsOnly(entry("msg_1", 1));
        }
    }

    @Test
    void forLoadKeepsNoRequestAndAnswersWithoutABody() throws Exception {
        try (Receiver receiver = Receiver.startForLoad()) {
            HttpResponse<String> answer = post(receiver, "msg_1", "1", "v1,x", "{}");

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEmpty();
            assertThat(receiver.requests()).isEmpty();
            assertThat(receiver.arrivalsPerWebhookId()).containsOnly(entry("msg_1", 1));
        }
    }

    private static HttpResponse<String> post(Receiver receiver, String id, String timestamp, String signature, String body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url()))
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
