package dev.hookbridge.it;

import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.stack.Ports;
import dev.hookbridge.testsupport.Signer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's Quick start, end to end: the dev run ({@code mvn -Prun verify}) starts, a webhook signed
 * as the banner's command signs it is accepted, the banner's "look at it" command shows it, and the
 * run is stopped as a terminal stops it: SIGINT to its whole process group. It runs here as its own JVM on ports of its own, in a process group of its own, so the signal
 * reaches exactly what a Ctrl-C would. It must be gone within 10 s, having stopped WildFly first
 * (gracefully: WildFly logs its stopped line), then the broker, then PostgreSQL, and left nothing
 * listening.
 */
class DevRunStopIT {

    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    @Test
    void theDevRunTakesTheDemoWebhookShowsItAndCtrlCStopsItInOrderWithinTenSeconds() throws Exception {
        assumeTrue(Files.isExecutable(SETSID), "needs setsid (util-linux) to give the run a process group of its own");
        int shift = 1000 + Integer.parseInt(System.getenv().getOrDefault("HOOKBRIDGE_TEST_PORT_SHIFT", "0"));
        Ports ports = Ports.DEV.shifted(shift);
        Path work = Path.of(System.getProperty("hookbridge.stack.work")).resolveSibling("dev-run-stop");
        Path output = work.resolveSibling("dev-run-stop.out");
        Files.createDirectories(work);

        // A terminal's foreground job has Ctrl-C at its default; a build started in the background has it
        // ignored, which the run would inherit: env resets it, so the run gets the signal a terminal gives.
        List<String> command = new ArrayList<>(List.of(SETSID.toString(), "env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        for (String key : List.of("hookbridge.stack.wildfly-home", "hookbridge.stack.ear", "hookbridge.stack.artemis-home",
                "hookbridge.stack.broker-config")) {
            command.add("-D" + key + "=" + System.getProperty(key));
        }
        command.addAll(List.of("-Dhookbridge.stack.work=" + work, "-Dhookbridge.stack.port-shift=" + shift,
                "dev.hookbridge.stack.DevRun"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("HOOKBRIDGE_STACK_WORK");
        Process run = builder.start();
        try {
            awaitLine(output, "Hookbridge is running", run, Duration.ofMinutes(4));
            String base = "http://localhost:" + ports.http();
            assertThat(Files.readString(output)).contains(base + "/dashboard/", base + "/openapi",
                    "http://localhost:" + ports.management() + "/metrics", base + "/api/inbox?limit=1");

            // The banner's command: a standard webhook to the demo source, signed with the run's demo key.
            String secret = "whsec_" + Files.readString(work.resolve("demo-source.key")).trim();
            String id = "msg_" + System.nanoTime();
            String body = "{\"type\":\"demo.ping\",\"data\":{\"hello\":\"world\"}}";
            long ts = Instant.now().getEpochSecond();
            Reply accepted = Http.anonymous().at(base).header("webhook-id", id).header("webhook-timestamp", Long.toString(ts))
                    .header("webhook-signature", Signer.standard(secret, id, ts, body))
                    .post("/webhooks/demo", "application/json", body.getBytes(StandardCharsets.UTF_8));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
            // The banner's "look at it": the newest event first.
            Reply inbox = Http.admin().at(base).get("/api/inbox?limit=1");
            assertThat(inbox.items()).extracting(v -> v.asJsonObject().getString("eventId")).containsExactly(id);

            // What a terminal does on Ctrl-C: SIGINT to every process of the foreground group (setsid made
            // the run's JVM the leader of its own group, so its pid is the group's id).
            long signalled = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + run.pid()).inheritIO().start();
            assertThat(kill.waitFor()).as("kill -INT to the run's process group").isZero();
            boolean ended = run.waitFor(STOP_LIMIT.toMillis() + 20_000, TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - signalled);
            String printed = Files.readString(output);

            assertThat(ended).as("the dev run ended; it printed:%n%s", printed).isTrue();
            assertThat(took).as("time from Ctrl-C to the end of the run; it printed:%n%s", printed).isLessThanOrEqualTo(STOP_LIMIT);
            assertThat(printed).containsSubsequence("Ctrl-C: stopping Hookbridge", "Stopping WildFly", "WildFly stopped in",
                    "Stopping the broker", "the broker stopped in", "Stopping PostgreSQL", "PostgreSQL stopped in");
            assertThat(Files.readString(work.resolve("wildfly/log/server.log"))).as("WildFly's own log")
                    .contains("WFLYSRV0050");
            for (int port : List.of(ports.http(), ports.management(), ports.broker(), ports.brokerConsole(), ports.postgres())) {
                assertThat(listening(port)).as("something still listens on port %d", port).isFalse();
            }
            System.out.printf("Dev run stopped by Ctrl-C in %.1f s:%n%s%n", took.toMillis() / 1000.0,
                    printed.substring(printed.indexOf("Ctrl-C: stopping")));
        } finally {
            if (run.isAlive()) {
                new ProcessBuilder("kill", "-INT", "--", "-" + run.pid()).start().waitFor();
                new ProcessBuilder("kill", "-INT", "--", "-" + run.pid()).start().waitFor();
                run.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitLine(Path output, String line, Process run, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.exists(output) || !Files.readString(output).contains(line)) {
            if (!run.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the dev run did not print '" + line + "'"
                        + (run.isAlive() ? " within " + limit : " (it exited with " + run.exitValue() + ")") + ":\n"
                        + (Files.exists(output) ? Files.readString(output) : ""));
            }
            Thread.sleep(500);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
