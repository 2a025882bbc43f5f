package dev.hookbridge.it;

import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Providers;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Signer;
import dev.hookbridge.testsupport.Waits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the test WildFly writes to its logs after signed traffic in and out: the lines of one event
 * carry its source, event id, inbox id (and a delivery its delivery id), and no secret or signature
 * value ever appears, whether the signature was good or bad.
 */
@SystemTest
class LogHygieneIT {

    @Test
    void logsCarryIdsAndNeverSecretsOrSignatures() {
        List<String> forbidden = new ArrayList<>();

        // Standard Webhooks: accepted, and once more with a wrong signature.
        String standardSource = Fixtures.uniqueName("logs-std");
        String standardSecret = Fixtures.createStandardSource(standardSource);
        String body = Fixtures.standardBody("logs.test");
        long ts = Providers.now();
        String eventId = Fixtures.uniqueName("evt");
        String signature = Signer.standard(standardSecret, eventId, ts, body);
        Reply accepted = Providers.standard(standardSource, standardSecret, eventId, ts, body);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        String inboxId = accepted.json().getString("inboxId");
        String wrongSecret = Signer.newStandardSecret();
        assertThat(Providers.standard(standardSource, wrongSecret, "wrong-" + eventId, ts, body).status()).isEqualTo(401);
        forbidden.addAll(List.of(standardSecret, standardSecret.substring("whsec_".length()), signature,
                signature.substring("v1,".length()), wrongSecret.substring("whsec_".length())));

        // Stripe and GitHub, whose signatures are hex of the secret's bytes.
        String stripeSource = Fixtures.uniqueName("logs-stripe");
        String stripeSecret = Signer.newSecret("whsec_");
        Fixtures.createSource(stripeSource, "stripe", List.of(stripeSecret), Map.of(), null);
        String stripeBody = "{\"id\":\"" + Fixtures.uniqueName("evt") + "\",\"type\":\"charge.succeeded\"}";
        long stripeTs = Providers.now();
        assertThat(Providers.stripe(stripeSource, stripeSecret, stripeTs, stripeBody).status()).isEqualTo(200);
        String stripeSignature = Signer.stripe(stripeSecret, stripeTs, stripeBody);
        forbidden.addAll(List.of(stripeSecret, stripeSignature.substring(stripeSignature.indexOf("v1=") + 3)));

        String githubSource = Fixtures.uniqueName("logs-gh");
        String githubSecret = Signer.newSecret("gh_");
        Fixtures.createSource(githubSource, "github", List.of(githubSecret), Map.of(), null);
        String githubBody = "{\"action\":\"opened\"}";
        assertThat(Providers.github(githubSource, githubSecret, Fixtures.uniqueName("gh"), "issues", githubBody).status()).isEqualTo(200);
        assertThat(Providers.github(githubSource, "not-the-secret", Fixtures.uniqueName("gh"), "issues", githubBody).status()).isEqualTo(401);
        forbidden.addAll(List.of(githubSecret, Signer.github(githubSecret, githubBody).substring("sha256=".length()),
                Signer.github("not-the-secret", githubBody).substring("sha256=".length())));

        // Outbound: an endpoint's secret and the signature it sends.
        String deliveryId;
        try (Receiver receiver = Receiver.start()) {
            String type = Outbound.uniqueType("logs");
            var endpoint = Outbound.createEndpoint(receiver.url(), type);
            String outboundEvent = Outbound.publish(type);
            deliveryId = Outbound.deliveryId(outboundEvent, endpoint.getString("id"));
            Outbound.awaitDelivery(deliveryId, "DELIVERED");
            forbidden.add(endpoint.getString("secret"));
            forbidden.add(endpoint.getString("secret").substring("whsec_".length()));
            receiver.requests().forEach(r -> r.signatureEntries().forEach(entry -> forbidden.add(entry.substring("v1,".length()))));
            Fixtures.awaitStatus(inboxId, "PROCESSED");

            // The lines that follow one event: accepted and processed (inbound), delivered (outbound).
            String acceptedLine = Waits.await("the accepted line of " + eventId).until(LogHygieneIT::serverLog,
                    log -> lineWith(log, "Accepted webhook", "eventId=" + eventId) != null);
            assertThat(lineWith(acceptedLine, "Accepted webhook", "eventId=" + eventId))
                    .contains("source=" + standardSource, "inboxId=" + inboxId);
            String processedLine = lineWith(Waits.await("the processed line of " + eventId).until(LogHygieneIT::serverLog,
                    log -> lineWith(log, "Processed", "inboxId=" + inboxId + " ") != null), "Processed", "inboxId=" + inboxId + " ");
            assertThat(processedLine).contains("source=" + standardSource, "eventId=" + eventId);
            String deliveredLine = lineWith(Waits.await("the delivered line of delivery " + deliveryId).until(LogHygieneIT::serverLog,
                    log -> lineWith(log, "Delivered", "deliveryId=" + deliveryId + " ") != null), "Delivered", "deliveryId=" + deliveryId + " ");
            assertThat(deliveredLine).contains("eventId=" + outboundEvent, "endpointId=" + endpoint.getString("id"));
        }

        String logs = serverLog() + consoleLog();
        assertThat(forbidden).allSatisfy(secretOrSignature -> assertThat(logs)
                .as("the server logs must not contain a secret or signature value").doesNotContain(secretOrSignature));
        // Nor the signature headers' names with values (a request dump would show them).
        assertThat(logs.toLowerCase()).doesNotContain("webhook-signature:", "stripe-signature:", "x-hub-signature-256:");
    }

    private static String lineWith(String log, String... parts) {
        try (Stream<String> lines = log.lines()) {
            return lines.filter(l -> Stream.of(parts).allMatch(l::contains)).findFirst().orElse(null);
        }
    }

    private static String serverLog() {
        return read(TestStack.get().wildfly().logFile());
    }

    private static String consoleLog() {
        Path console = TestStack.get().wildfly().logFile().resolveSibling("console.log");
        return Files.exists(console) ? read(console) : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
