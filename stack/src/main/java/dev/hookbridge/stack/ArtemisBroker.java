package dev.hookbridge.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The standalone ActiveMQ Artemis broker: an instance made with the distribution's own
 * {@code artemis create}, whose broker.xml is replaced by {@code artemis-config/broker.xml}, run as a
 * child process ({@code artemis run}) with its web console. It is a single broker, or one of a
 * primary/backup pair ({@link #inPair}) with the pair's files of {@code artemis-config/pair/} in its etc/.
 */
public final class ArtemisBroker extends ChildProcess {

    /** The part a broker plays in a primary/backup pair: the name of its folder in artemis-config/pair/. */
    public enum PairRole {
        PRIMARY, BACKUP;

        String folder() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The user the two brokers of a pair log in to each other with (etc/broker.properties). */
    static final String CLUSTER_USER = "hookbridge-pair";

    private final Path home;
    private final Path configDir;
    private final Path brokerXml;
    private final Path instance;
    private final int port;
    private final int consolePort;
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private PairRole pairRole;
    private String clusterPassword;

    public ArtemisBroker(Path home, Path configDir, Path instance, int port, int consolePort) {
        super(Duration.ofSeconds(30));
        this.home = home.toAbsolutePath();
        this.configDir = configDir.toAbsolutePath();
        this.brokerXml = configDir.resolve("broker.xml").toAbsolutePath();
        this.instance = instance.toAbsolutePath();
        this.port = port;
        this.consolePort = consolePort;
    }

    public int port() {
        return port;
    }

    /** A system property of the broker's JVM (the ${hookbridge.broker.*} settings of broker.xml), before start. */
    public void systemProperty(String key, String value) {
        systemProperties.put(key, value);
    }

    /**
     * Makes this broker one of a primary/backup pair, before start: its partner listens on
     * {@code partnerPort}, and both log in to each other with {@code clusterPassword}.
     */
    public void inPair(PairRole role, int partnerPort, String clusterPassword) {
        if (clusterPassword == null || clusterPassword.length() < 16) {
            throw new IllegalArgumentException("a pair's cluster password needs at least 16 characters");
        }
        this.pairRole = role;
        this.clusterPassword = clusterPassword;
        systemProperty("hookbridge.broker.partner-port", Integer.toString(partnerPort));
    }

    /** Where this broker's output log ends now, for {@link #loggedSince}. */
    public long logPosition() {
        return Processes.logSize(outputLog());
    }

    /** Whether the broker logged {@code text} (e.g. a message code) after {@code position}. */
    public boolean loggedSince(long position, String text) {
        return Processes.logSince(outputLog(), position).contains(text);
    }

    private Path outputLog() {
        return instance.resolve("log/broker.out");
    }

    /** Whether this broker serves clients now (a backup does not until it takes over). */
    public boolean active() {
        return running() && Processes.portOpen(port);
    }

    public String consoleUrl() {
        return "http://localhost:" + consolePort + "/console";
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public void start() {
        if (Processes.portOpen(port)) {
            throw new IllegalStateException("port " + port + " is taken: is another broker (or an earlier run) still up?");
        }
        if (!Files.exists(instance.resolve("bin/artemis"))) {
            create();
        }
        try {
            // The configuration may have changed since the instance was made: always run the repo's broker.xml.
            Files.copy(brokerXml, instance.resolve("etc/broker.xml"), StandardCopyOption.REPLACE_EXISTING);
            placePairFiles();
            allowConsoleAtLocalhost();
            Path log = outputLog();
            Files.createDirectories(log.getParent());
            long logStart = Processes.logSize(log);
            ProcessBuilder builder = new ProcessBuilder(Processes.detached(List.of(instance.resolve("bin/artemis").toString(), "run")))
                    .directory(instance.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            StringBuilder javaArgs = new StringBuilder("-Dhookbridge.broker.port=" + port + " -Dhookbridge.broker.host=127.0.0.1");
            systemProperties.forEach((key, value) -> javaArgs.append(" -D").append(key).append('=').append(value));
            builder.environment().put("JAVA_ARGS_APPEND", javaArgs.toString());
            process = builder.start();
            if (pairRole == PairRole.BACKUP) {
                // A backup opens no port until it takes over: it is ready once it holds the primary's journal.
                Processes.await("Artemis backup broker (port " + port + ") to be in sync with its primary", Duration.ofMinutes(2),
                        process, log, () -> Processes.portOpen(port) || Processes.logSince(log, logStart).contains("AMQ221031"));
            } else {
                Processes.await("Artemis broker on port " + port, Duration.ofMinutes(2), process, log, () -> Processes.portOpen(port));
            }
            if (pairRole != null && Processes.logSince(log, logStart).contains("AMQ222007")) {
                // Artemis' warning that the cluster user has its default password, which it refuses: the two
                // brokers could not log in to each other.
                stop();
                throw new IllegalStateException("the broker on port " + port + " runs with the default cluster password: "
                        + instance.resolve("etc/broker.properties") + " was not read");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The pair's files of artemis-config/pair/ (both brokers' and those of this broker's role) and its
     * etc/broker.properties with the cluster user; none of them for a single broker.
     */
    private void placePairFiles() throws IOException {
        Path etc = instance.resolve("etc");
        Path pair = configDir.resolve("pair");
        for (String file : List.of("pair-connectors.xml", "pair-cluster-connections.xml", "pair-ha-policy.xml", "broker.properties")) {
            Files.deleteIfExists(etc.resolve(file));
        }
        if (pairRole == null) {
            return;
        }
        Files.copy(pair.resolve("pair-connectors.xml"), etc.resolve("pair-connectors.xml"));
        Files.copy(pair.resolve("pair-cluster-connections.xml"), etc.resolve("pair-cluster-connections.xml"));
        Files.copy(pair.resolve(pairRole.folder()).resolve("pair-ha-policy.xml"), etc.resolve("pair-ha-policy.xml"));
        Path properties = etc.resolve("broker.properties");
        Files.writeString(properties, "");
        // Readable by the broker's user only: it holds the password that passes every check.
        Files.setPosixFilePermissions(properties, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(properties, "clusterUser=" + CLUSTER_USER + "\nclusterPassword=" + clusterPassword + "\n");
    }

    /**
     * The console's Jolokia refuses requests whose Origin it does not know; the instance is made for
     * 127.0.0.1, and the printed console URL says localhost, so both are allowed.
     */
    private void allowConsoleAtLocalhost() throws IOException {
        Path access = instance.resolve("etc/jolokia-access.xml");
        String xml = Files.readString(access);
        String localhost = "<allow-origin>*://localhost*</allow-origin>";
        if (!xml.contains(localhost)) {
            Files.writeString(access, xml.replace("<allow-origin>*://127.0.0.1*</allow-origin>",
                    "<allow-origin>*://127.0.0.1*</allow-origin>\n        " + localhost));
        }
    }

    private void create() {
        Path log = instance.resolveSibling(instance.getFileName() + "-create.log");
        Processes.run(List.of(home.resolve("bin/artemis").toString(), "create", instance.toString(),
                        "--silent", "--require-login",
                        "--user", Credentials.BROKER_ADMIN, "--password", Credentials.BROKER_ADMIN_PASSWORD, "--role", "amq",
                        "--host", "127.0.0.1", "--http-host", "127.0.0.1", "--http-port", Integer.toString(consolePort),
                        "--no-autotune"),
                home, Map.of(), log, Duration.ofMinutes(2));
        try {
            // Users of the two Hookbridge roles beside the console's admin (properties login module).
            Files.writeString(instance.resolve("etc/artemis-users.properties"), String.join("\n",
                    Credentials.BROKER_ADMIN + " = " + Credentials.BROKER_ADMIN_PASSWORD,
                    Credentials.BROKER_APP + " = " + Credentials.BROKER_APP_PASSWORD,
                    Credentials.BROKER_CLIENT + " = " + Credentials.BROKER_CLIENT_PASSWORD, ""));
            Files.writeString(instance.resolve("etc/artemis-roles.properties"), String.join("\n",
                    "amq = " + Credentials.BROKER_ADMIN,
                    "hookbridge-app = " + Credentials.BROKER_APP,
                    "hookbridge-client = " + Credentials.BROKER_CLIENT, ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
