package dev.hookbridge.stack;

import org.wildfly.core.launcher.StandaloneCommandBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * WildFly with the EAR: the server the ear module set up (read-only home), run with a base folder of
 * its own (configuration, deployments, data, log), so a dev run and the tests never share state.
 * Started as a direct java process (wildfly-launcher), so stop and kill reach the server itself.
 */
public final class WildFlyServer extends ChildProcess {

    public static final String DEPLOYMENT = "hookbridge.ear";

    /**
     * The configurations the ear build writes: without traces, with the opentelemetry subsystem, and
     * for an Artemis primary/backup pair.
     */
    public static final String CONFIGURATION = "standalone-full.xml";
    public static final String TRACED_CONFIGURATION = "standalone-full-traced.xml";
    public static final String BROKER_PAIR_CONFIGURATION = "standalone-full-broker-pair.xml";

    private final Path home;
    private final Path base;
    private final Ports ports;
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private String configuration = CONFIGURATION;

    public WildFlyServer(Path home, Path base, Ports ports) {
        super(Duration.ofSeconds(60));
        this.home = home.toAbsolutePath();
        this.base = base.toAbsolutePath();
        this.ports = ports;
    }

    public WildFlyServer systemProperty(String key, String value) {
        systemProperties.put(key, value);
        return this;
    }

    /** One of {@link #CONFIGURATION}, {@link #TRACED_CONFIGURATION} and {@link #BROKER_PAIR_CONFIGURATION}. */
    public WildFlyServer configuration(String name) {
        this.configuration = name;
        return this;
    }

    public String configuration() {
        return configuration;
    }

    public boolean traced() {
        return configuration.equals(TRACED_CONFIGURATION);
    }

    /**
     * The traced configuration when a sampler other than always_off is named, by the
     * {@code otel.traces.sampler} system property given to the server or the {@code OTEL_TRACES_SAMPLER}
     * variable it inherits (docs/configuration.md, "Traces"); the other one otherwise, because the
     * subsystem's request instrumentation costs CPU on every request even with its sampler off.
     */
    public static String configurationFor(Map<String, String> systemProperties, Map<String, String> environment) {
        String sampler = systemProperties.getOrDefault("otel.traces.sampler", environment.get("OTEL_TRACES_SAMPLER"));
        boolean tracesOn = sampler != null && !sampler.isBlank() && !sampler.equals("always_off");
        return tracesOn ? TRACED_CONFIGURATION : CONFIGURATION;
    }

    public Ports ports() {
        return ports;
    }

    public String baseUrl() {
        return "http://localhost:" + ports.http();
    }

    /** The management interface: health, metrics. */
    public String managementUrl() {
        return "http://localhost:" + ports.management();
    }

    public Path logFile() {
        return base.resolve("log/server.log");
    }

    /**
     * Makes the base folder from the set-up server's standalone/ and puts the EAR in it. The
     * configuration is refreshed every time (the CLI scripts may have changed); data and logs are kept.
     */
    public void prepare(Path ear) {
        try {
            if (!Files.exists(base.resolve("configuration"))) {
                copyTree(home.resolve("standalone"), base);
            } else {
                copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
            }
            writeUsers();
            Files.copy(ear, base.resolve("deployments").resolve(DEPLOYMENT), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server and waits until the EAR is deployed (or fails with the server log). */
    public void start() {
        if (Processes.portOpen(ports.http()) || Processes.portOpen(ports.management())) {
            throw new IllegalStateException("port " + ports.http() + " or " + ports.management()
                    + " is taken: is another WildFly (or an earlier run) still up?");
        }
        Path deployments = base.resolve("deployments");
        try {
            Files.deleteIfExists(deployments.resolve(DEPLOYMENT + ".deployed"));
            Files.deleteIfExists(deployments.resolve(DEPLOYMENT + ".failed"));
            StandaloneCommandBuilder command = StandaloneCommandBuilder.of(home)
                    .setServerConfiguration(configuration)
                    .setBaseDirectory(base)
                    .addJavaOptions("-Xms256m", "-Xmx1g", "-Djava.net.preferIPv4Stack=true")
                    .addJavaOption("-Djboss.socket.binding.port-offset=" + ports.wildflyOffset());
            systemProperties.forEach((k, v) -> command.addJavaOption("-D" + k + "=" + v));
            Path console = base.resolve("log/console.log");
            Files.createDirectories(console.getParent());
            process = new ProcessBuilder(Processes.detached(command.build())).redirectErrorStream(true)
                    .redirectOutput(console.toFile()).start();
            Processes.await("WildFly deploying " + DEPLOYMENT, Duration.ofMinutes(4), process, logFile(),
                    () -> Files.exists(deployments.resolve(DEPLOYMENT + ".deployed"))
                            || Files.exists(deployments.resolve(DEPLOYMENT + ".failed")));
            if (Files.exists(deployments.resolve(DEPLOYMENT + ".failed"))) {
                throw new IllegalStateException("the deployment of " + DEPLOYMENT + " failed: "
                        + Files.readString(deployments.resolve(DEPLOYMENT + ".failed")) + "\n" + Processes.tail(logFile(), 60));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the server as ops stop a node for a rolling restart, once the load balancer has drained it
     * ({@link LoadBalancer#drain}): a shutdown that suspends the server first, so its readiness turns
     * DOWN, its MDBs and timers stop and its requests, transactions and attempts in flight finish (for
     * at most {@code suspendTimeout}), then stops it. A node still in the balancer's rotation would be
     * sent requests that meet the suspended server's own 503 (without Retry-After), or the shutdown.
     * Through the management interface, as jboss-cli does it (local authentication: same user, same
     * machine).
     */
    public void stopGracefully(Duration suspendTimeout) {
        Processes.run(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                        "--controller=remote+http://127.0.0.1:" + ports.management(),
                        "--command=:shutdown(suspend-timeout=" + suspendTimeout.toSeconds() + ")"),
                base, Map.of("JAVA_HOME", System.getProperty("java.home")), base.resolve("log/graceful-stop.log"),
                suspendTimeout.plusMinutes(1));
        // The operation answers at once; the server exits once suspended and shut down.
        try {
            if (!process.waitFor(suspendTimeout.plusMinutes(1).toMillis(), TimeUnit.MILLISECONDS)) {
                Processes.stop(process, Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while WildFly shut down", e);
        }
        process = null;
    }

    /** The realm files of hookbridge-install.cli with the local users: HEX(MD5(user:realm:password)). */
    private void writeUsers() throws IOException {
        Path config = base.resolve("configuration");
        Files.writeString(config.resolve("hookbridge-users.properties"), String.join("\n",
                "#$REALM_NAME=hookbridge$",
                Credentials.ADMIN + "=" + digest(Credentials.ADMIN, Credentials.ADMIN_PASSWORD),
                Credentials.VIEWER + "=" + digest(Credentials.VIEWER, Credentials.VIEWER_PASSWORD), ""));
        Files.writeString(config.resolve("hookbridge-roles.properties"), String.join("\n",
                Credentials.ADMIN + "=hookbridge-admin",
                Credentials.VIEWER + "=hookbridge-viewer", ""));
    }

    private static String digest(String user, String password) {
        try {
            byte[] hash = MessageDigest.getInstance("MD5")
                    .digest((user + ":hookbridge:" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
