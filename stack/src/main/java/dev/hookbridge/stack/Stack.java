package dev.hookbridge.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * PostgreSQL, the Artemis broker (or a primary/backup pair) and WildFly with the EAR, started in that
 * order and stopped in the reverse order (also by a shutdown hook, so Ctrl-C or a failed test run
 * leaves no process behind).
 */
public final class Stack implements AutoCloseable {

    /** How many ports above the first node a cluster's second node listens. */
    public static final int SECOND_NODE_SHIFT = 100;

    private final StackLayout layout;
    private final Ports ports;
    private final PostgresServer postgres;
    private final ArtemisBroker broker;
    /** The backup of a primary/backup pair, {@code broker} being its primary; null with a single broker. */
    private final ArtemisBroker backupBroker;
    private final WildFlyServer wildfly;
    private final Map<String, String> wildflyProperties = new LinkedHashMap<>();
    private final List<WildFlyServer> extraNodes = new CopyOnWriteArrayList<>();
    /** In front of the nodes of a cluster; null otherwise. */
    private volatile LoadBalancer balancer;
    private final Thread shutdownHook = new Thread(this::close, "hookbridge-stack-shutdown");
    private volatile boolean closed;
    private volatile Consumer<String> stopReport = line -> { };

    private Stack(StackLayout layout, Ports ports, boolean durable, boolean brokerPair, Map<String, String> appProperties) {
        this.layout = layout;
        this.ports = ports;
        this.postgres = new PostgresServer(postgresDir(layout.work()), ports.postgres(), durable);
        this.broker = new ArtemisBroker(layout.artemisHome(), layout.brokerConfig(), layout.work().resolve("broker"),
                ports.broker(), ports.brokerConsole());
        this.backupBroker = brokerPair ? backupOf(broker, layout, ports) : null;
        this.wildfly = new WildFlyServer(layout.wildflyHome(), layout.work().resolve("wildfly"), ports);
        wildflyProperties.put("hookbridge.db.url", postgres.jdbcUrl());
        wildflyProperties.put("hookbridge.db.user", Credentials.DB_USER);
        wildflyProperties.put("hookbridge.db.password", Credentials.DB_PASSWORD);
        wildflyProperties.put("hookbridge.broker.host", "127.0.0.1");
        wildflyProperties.put("hookbridge.broker.port", Integer.toString(ports.broker()));
        wildflyProperties.put("hookbridge.broker.user", Credentials.BROKER_APP);
        wildflyProperties.put("hookbridge.broker.password", Credentials.BROKER_APP_PASSWORD);
        wildflyProperties.put("hookbridge.secrets.key", persistentSecret(layout.work().resolve("secrets.key"), 32));
        if (brokerPair) {
            wildflyProperties.put("hookbridge.broker.backup-host", "127.0.0.1");
            wildflyProperties.put("hookbridge.broker.backup-port", Integer.toString(backupBroker.port()));
        }
        wildflyProperties.putAll(appProperties);
        wildflyProperties.forEach(wildfly::systemProperty);
        wildfly.configuration(brokerPair ? WildFlyServer.BROKER_PAIR_CONFIGURATION
                : WildFlyServer.configurationFor(wildflyProperties, System.getenv()));
        wildfly.systemProperty("hookbridge.node.id", "hookbridge-" + ports.http());
    }

    /**
     * Starts the whole stack; on failure stops what already runs and rethrows.
     *
     * @param durable       fsync on in PostgreSQL (off only for functional tests)
     * @param appProperties extra system properties for WildFly (Hookbridge configuration keys)
     */
    public static Stack start(StackLayout layout, Ports ports, boolean durable, Map<String, String> appProperties) {
        return start(layout, ports, durable, appProperties, Map.of());
    }

    /**
     * As above, with system properties for the broker too (the {@code ${hookbridge.broker.*}} settings
     * of broker.xml, e.g. smaller topic limits for a test).
     */
    public static Stack start(StackLayout layout, Ports ports, boolean durable, Map<String, String> appProperties,
                              Map<String, String> brokerProperties) {
        Stack stack = new Stack(layout, ports, durable, false, appProperties);
        brokerProperties.forEach(stack.broker::systemProperty);
        return stack.start();
    }

    /**
     * As {@link #start(StackLayout, Ports, boolean, Map)}, with an Artemis primary/backup pair instead of a
     * single broker: the primary on the broker port, the backup on the next port (its console too), and
     * WildFly configured for the pair (hookbridge-broker-pair.cli).
     */
    public static Stack startWithBrokerPair(StackLayout layout, Ports ports, boolean durable, Map<String, String> appProperties) {
        return new Stack(layout, ports, durable, true, appProperties).start();
    }

    /**
     * A cluster on this machine: the broker pair of {@link #startWithBrokerPair}, a second WildFly node
     * ({@value #SECOND_NODE_SHIFT} ports above the first) and the load balancer in front of both, on
     * port 8000 plus WildFly's offset.
     */
    public static Stack startCluster(StackLayout layout, Ports ports, boolean durable, Map<String, String> appProperties) {
        Stack stack = new Stack(layout, ports, durable, true, appProperties);
        WildFlyServer second = stack.addNode("wildfly-node2", SECOND_NODE_SHIFT, Map.of());
        stack.start(List.of(second));
        try {
            stack.balancer = new LoadBalancer(8000 + ports.wildflyOffset(), List.of(ports, second.ports()),
                    layout.work().resolve("load-balancer/balancer.log"));
            stack.balancer.start();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private static ArtemisBroker backupOf(ArtemisBroker primary, StackLayout layout, Ports ports) {
        String clusterPassword = persistentSecret(layout.work().resolve("broker-pair.secret"), 24);
        ArtemisBroker backup = new ArtemisBroker(layout.artemisHome(), layout.brokerConfig(), layout.work().resolve("broker-backup"),
                ports.broker() + 1, ports.brokerConsole() + 1);
        primary.inPair(ArtemisBroker.PairRole.PRIMARY, backup.port(), clusterPassword);
        backup.inPair(ArtemisBroker.PairRole.BACKUP, primary.port(), clusterPassword);
        return backup;
    }

    private Stack start() {
        return start(List.of());
    }

    /** Starts the stack, the first WildFly node and {@code alongside} (prepared nodes) booting at the same time. */
    private Stack start(List<WildFlyServer> alongside) {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            postgres.start();
            broker.start();
            if (backupBroker != null) {
                backupBroker.start();
            }
            wildfly.prepare(layout.ear());
            // A thread per node (the common pool may have a single one on a small machine).
            ExecutorService booting = Executors.newCachedThreadPool();
            try {
                List<CompletableFuture<Void>> boots = Stream.concat(Stream.of(wildfly), alongside.stream())
                        .map(node -> CompletableFuture.runAsync(node::start, booting)).toList();
                for (CompletableFuture<Void> boot : boots) {
                    try {
                        boot.join();
                    } catch (CompletionException e) {
                        throw e.getCause() instanceof RuntimeException cause ? cause : e;
                    }
                }
            } finally {
                booting.shutdown();
            }
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public Ports ports() { return ports; }
    public StackLayout layout() { return layout; }
    public PostgresServer postgres() { return postgres; }
    public ArtemisBroker broker() { return broker; }
    /** The load balancer of a cluster ({@link #startCluster}). */
    public Optional<LoadBalancer> balancer() { return Optional.ofNullable(balancer); }
    /** The nodes started beside the first one, in the order they started. */
    public List<WildFlyServer> otherNodes() { return List.copyOf(extraNodes); }
    /** The backup broker of a stack started with a broker pair ({@link #broker()} is its primary). */
    public Optional<ArtemisBroker> backupBroker() { return Optional.ofNullable(backupBroker); }
    public WildFlyServer wildfly() { return wildfly; }

    /**
     * Starts one more WildFly node with the same EAR on the same database and broker (its own base
     * folder, transaction node id and ports moved by {@code portShift}); stopped with the stack.
     */
    public WildFlyServer startNode(String name, int portShift) {
        return startNode(name, portShift, Map.of());
    }

    /** The same, with Hookbridge configuration of its own for this node ({@code settings} win). */
    public WildFlyServer startNode(String name, int portShift, Map<String, String> settings) {
        WildFlyServer node = addNode(name, portShift, settings);
        node.start();
        return node;
    }

    /** A node made and prepared, not started; stopped with the stack. */
    private WildFlyServer addNode(String name, int portShift, Map<String, String> settings) {
        Ports nodePorts = new Ports(ports.wildflyOffset() + portShift, ports.postgres(), ports.broker(), ports.brokerConsole());
        WildFlyServer node = new WildFlyServer(layout.wildflyHome(), layout.work().resolve(name), nodePorts);
        wildflyProperties.forEach(node::systemProperty);
        node.systemProperty("hookbridge.node.id", "hookbridge-" + nodePorts.http());
        settings.forEach(node::systemProperty);
        node.configuration(wildfly.configuration());
        extraNodes.add(node);
        node.prepare(layout.ear());
        return node;
    }

    /** Where {@link #close()} says what it is stopping and how long each part took (the dev run prints it). */
    public void reportStopsTo(Consumer<String> report) {
        this.stopReport = report;
    }

    /**
     * Stops WildFly first (gracefully, while the broker and the database still answer its last work),
     * then the broker, then PostgreSQL.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Each stop is tried even if an earlier one failed: no process may outlive the run.
        RuntimeException failure = null;
        Map<String, AutoCloseable> parts = new LinkedHashMap<>();
        if (balancer != null) {
            parts.put("the load balancer", balancer);
        }
        extraNodes.forEach(node -> parts.put("WildFly node " + node.baseUrl(), node));
        parts.put("WildFly", wildfly);
        if (backupBroker != null) {
            parts.put("the backup broker", backupBroker);
        }
        parts.put("the broker", broker);
        parts.put("PostgreSQL", postgres);
        for (Map.Entry<String, AutoCloseable> part : parts.entrySet()) {
            long started = System.nanoTime();
            stopReport.accept("Stopping " + part.getKey() + " ...");
            try {
                part.getValue().close();
                stopReport.accept("  " + part.getKey() + " stopped in " + seconds(started));
            } catch (Exception e) {
                stopReport.accept("  stopping " + part.getKey() + " failed: " + e.getMessage());
                if (failure == null) {
                    failure = new IllegalStateException("stopping the stack failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The JVM is exiting and runs the hook itself; nothing left to do.
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Ends every server at once (SIGKILL; PostgreSQL's immediate stop), for when an orderly stop takes too long. */
    public void kill() {
        if (balancer != null) {
            balancer.kill();
        }
        extraNodes.forEach(ChildProcess::kill);
        wildfly.kill();
        if (backupBroker != null) {
            backupBroker.kill();
        }
        broker.kill();
        try {
            postgres.stopImmediately();
        } catch (RuntimeException e) {
            stopReport.accept("  PostgreSQL's immediate stop failed: " + e.getMessage());
        }
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * A random value made once and kept in the work folder, so a restarted stack can still decrypt what
     * it stored (secrets key) and the demo source keeps its secret.
     */
    static String persistentSecret(Path file, int bytes) {
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file).trim();
                if (!kept.isEmpty()) {
                    return kept;
                }
            }
            byte[] random = new byte[bytes];
            new SecureRandom().nextBytes(random);
            String value = Base64.getEncoder().encodeToString(random);
            Files.createDirectories(file.getParent());
            // Written beside and moved into place, so a crash never leaves a half-written secret.
            Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), value);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hex(String base64) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
    }

    /**
     * PostgreSQL's folder. As root the server runs as 'nobody', which must be able to reach it: when the
     * checkout lies under a folder others cannot enter (such as /root), it goes to /var/tmp instead.
     */
    private static Path postgresDir(Path work) {
        Path wanted = work.toAbsolutePath().resolve("postgres");
        if (!Processes.runningAsRoot()) {
            return wanted;
        }
        try {
            for (Path p = work.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return Path.of("/var/tmp/hookbridge-" + Integer.toHexString(wanted.toString().hashCode()), "postgres");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wanted;
    }
}
