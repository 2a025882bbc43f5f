package dev.hookbridge.it;

import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Management;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.PrometheusText;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Waits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules that ship with Hookbridge (ear/src/main/prometheus, runbooks in docs/alerts.md):
 * valid for Prometheus, passing their unit tests over synthetic series, and using only metric names
 * the running gateway really serves, so a renamed metric fails the build instead of silencing an
 * alert. {@code promtool} comes with the Debian package {@code prometheus}; without it the promtool
 * test is skipped, loudly ({@code .ci/run} installs it when run as root).
 */
@SystemTest
class AlertRulesIT {

    /** The Debian package's promtool; another one may be named with -Dhookbridge.promtool. */
    private static final Path PROMTOOL = Path.of(System.getProperty("hookbridge.promtool", "/usr/bin/promtool"));
    private static final Path RULES = Path.of(System.getProperty("hookbridge.alert-rules"));
    private static final Path RULE_TESTS = Path.of(System.getProperty("hookbridge.alert-rule-tests"));
    private static final Pattern HOOKBRIDGE_METRIC = Pattern.compile("\\bhookbridge_[a-z_]+");
    private static final Duration GAUGE_LIMIT = Duration.ofSeconds(30);

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        if (!Files.isExecutable(PROMTOOL)) {
            String message = "Alert rule test SKIPPED: no promtool at " + PROMTOOL
                    + "; install the Debian package 'prometheus' (apt-get install prometheus), as .ci/run does when run as root";
            System.err.println("WARN " + message);
            Assumptions.abort(message);
        }
        String check = promtool("check", "rules", RULES.toString());
        assertThat(check).contains("SUCCESS: 8 rules found");
        String tests = promtool("test", "rules", RULE_TESTS.toString());
        assertThat(tests).contains("SUCCESS");
    }

    @Test
    void everyHookbridgeMetricTheRulesUseIsServedAfterTraffic() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher names = HOOKBRIDGE_METRIC.matcher(Files.readString(RULES));
        while (names.find()) {
            used.add(names.group());
        }
        assertThat(used).as("the metrics the rules read").hasSizeGreaterThanOrEqualTo(7);

        // Traffic that makes every series exist: a webhook processed, a delivery attempted.
        String source = Fixtures.uniqueName("alerts");
        String secret = Fixtures.createStandardSource(source);
        String inboxId = Fixtures.sendStandard(source, secret, "alerts-1", Fixtures.standardBody("alerts.test")).json().getString("inboxId");
        Fixtures.awaitStatus(inboxId, "PROCESSED");
        try (Receiver receiver = Receiver.start()) {
            String type = Outbound.uniqueType("alerts");
            String endpoint = Outbound.createEndpoint(receiver.url(), type).getString("id");
            String event = Outbound.publish(type);
            Outbound.awaitDelivery(Outbound.deliveryId(event, endpoint), "DELIVERED");
        }

        PrometheusText scrape = Waits.await("every metric the alert rules use, in /metrics").atMost(GAUGE_LIMIT).until(Management::scrape,
                s -> used.stream().allMatch(s::has));
        assertThat(used).allSatisfy(name -> assertThat(scrape.has(name)).as(name + " in /metrics").isTrue());
    }

    @Test
    void theReadinessGaugeIsOneForEachCheckWhileTheBackendsAnswer() {
        PrometheusText scrape = Waits.await("hookbridge_ready for the database and the broker").atMost(GAUGE_LIMIT).until(Management::scrape,
                s -> s.has("hookbridge_ready", "check", "hookbridge-database") && s.has("hookbridge_ready", "check", "hookbridge-broker"));
        assertThat(scrape.sum("hookbridge_ready", "check", "hookbridge-database")).isEqualTo(1.0);
        assertThat(scrape.sum("hookbridge_ready", "check", "hookbridge-broker")).isEqualTo(1.0);
    }

    @Test
    void theOverdueGaugeCountsADueDeliveryWaitingForADisabledEndpoint() throws InterruptedException {
        try (Receiver receiver = Receiver.start()) {
            String type = Outbound.uniqueType("alerts.overdue");
            String endpoint = Outbound.createEndpoint(Outbound.endpoint(receiver.url(), type).add("enabled", false)).getString("id");
            Outbound.publish(type);
            // Its delivery is due at once and never sent: after 6 s the most overdue delivery has waited at least that long.
            TimeUnit.SECONDS.sleep(6);
            Waits.await("hookbridge_outbound_oldest_due_seconds to count the waiting delivery").atMost(GAUGE_LIMIT).until(Management::scrape,
                    s -> s.sum("hookbridge_outbound_oldest_due_seconds") >= 6);
            assertThat(dev.hookbridge.it.support.Http.admin().delete("/api/endpoints/" + endpoint).status()).isEqualTo(204);
        }
    }

    private static String promtool(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = PROMTOOL.toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool " + String.join(" ", arguments) + ":\n" + output).isZero();
        System.out.println("promtool " + String.join(" ", arguments) + ":\n" + output);
        return output;
    }
}
