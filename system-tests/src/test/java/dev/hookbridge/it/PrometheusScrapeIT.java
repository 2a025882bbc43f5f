package dev.hookbridge.it;

import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Management;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.Waits;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Prometheus (the Debian package) scrapes the test WildFly's {@code /metrics} as the scrape
 * job of docs/operations.md ("Prometheus scrape job") says, and Hookbridge's series arrive in it
 * with the values the traffic of the test made. Skipped, loudly, where the package is not
 * installed; {@code .ci/run} installs it when run as root.
 */
@SystemTest
class PrometheusScrapeIT {

    /** The Debian package's server; another one may be named with -Dhookbridge.prometheus. */
    private static final Path PROMETHEUS = Path.of(System.getProperty("hookbridge.prometheus", "/usr/bin/prometheus"));
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);

    private static Process prometheus;
    private static String prometheusUrl;

    @BeforeAll
    static void startPrometheus() throws IOException {
        if (!Files.isExecutable(PROMETHEUS)) {
            String message = "Prometheus scrape test SKIPPED: no Prometheus at " + PROMETHEUS
                    + "; install the Debian package 'prometheus' (apt-get install prometheus), as .ci/run does when run as root";
            System.err.println("WARN " + message);
            Assumptions.abort(message);
        }
        Path work = Path.of(System.getProperty("hookbridge.stack.work")).resolveSibling("prometheus");
        Files.createDirectories(work);
        String target = Management.baseUrl().substring("http://".length());
        // The scrape job of docs/operations.md; every second, so the test does not wait long for a sample.
        Files.writeString(work.resolve("prometheus.yml"), String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "scrape_configs:",
                "  - job_name: hookbridge",
                "    metrics_path: /metrics",
                "    static_configs:",
                "      - targets: ['" + target + "']",
                ""));
        int port = freePort();
        prometheusUrl = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(PROMETHEUS.toString(),
                "--config.file=" + work.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + work.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("prometheus.log").toFile())
                .start();
        Waits.await("Prometheus to answer at " + prometheusUrl).atMost(STARTUP_LIMIT)
                .until(PrometheusScrapeIT::ready, ready -> ready);
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    @Test
    void theScrapeSucceedsAndHookbridgeSeriesCarryTheTrafficOfTheTest() {
        JsonObject target = Waits.await("the scrape target to be up").atMost(STARTUP_LIMIT).until(PrometheusScrapeIT::hookbridgeTarget,
                t -> t != null && "up".equals(t.getString("health")));
        assertThat(target.getString("lastError")).isEmpty();

        String source = Fixtures.uniqueName("prometheus");
        String secret = Fixtures.createStandardSource(source);
        for (String id : List.of("p-1", "p-2")) {
            assertThat(Fixtures.sendStandard(source, secret, id, Fixtures.standardBody("prometheus.test")).status()).isEqualTo(200);
        }

        String query = "hookbridge_inbound_accepted_total{source=\"" + source + "\",duplicate=\"false\"}";
        JsonArray result = Waits.await(query + " to read 2 in Prometheus").atMost(STARTUP_LIMIT).until(() -> query(query),
                r -> r.size() == 1 && value(r) == 2);
        assertThat(result.getJsonObject(0).getJsonObject("metric").getString("job")).isEqualTo("hookbridge");

        // WildFly's own series come through the same scrape, with the label docs/operations.md names.
        assertThat(query("{app=\"wildfly\",__name__=~\"datasources_.*\"}")).isNotEmpty();
    }

    private static boolean ready() {
        try {
            return Http.anonymous().at(prometheusUrl).get("/-/ready").status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static JsonObject hookbridgeTarget() {
        Reply reply = Http.anonymous().at(prometheusUrl).get("/api/v1/targets?state=active");
        for (JsonObject target : reply.json().getJsonObject("data").getJsonArray("activeTargets").getValuesAs(JsonObject.class)) {
            if ("hookbridge".equals(target.getJsonObject("labels").getString("job"))) {
                return target;
            }
        }
        return null;
    }

    private static JsonArray query(String promql) {
        Reply reply = Http.anonymous().at(prometheusUrl).get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonObject("data").getJsonArray("result");
    }

    /** The sample value of a one-series instant query result: {@code [time, "value"]}. */
    private static double value(JsonArray result) {
        return Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getString(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
