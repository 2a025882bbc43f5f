package dev.hookbridge.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's load balancer ({@link LoadBalancerMain}) as a child process of its own, so it can be
 * killed and restarted like the other servers: a JVM on this module's classes and the libraries the
 * build resolved for it.
 */
public final class LoadBalancer extends ChildProcess {

    /** What the balancer logs, after the node's address, when it takes a node out of the rotation. */
    public static final String TAKEN_OUT = "is not ready: it gets no new requests";

    private final int port;
    private final List<Ports> nodes;
    private final Path log;

    public LoadBalancer(int port, List<Ports> nodes, Path log) {
        super(Duration.ofSeconds(10));
        this.port = port;
        this.nodes = List.copyOf(nodes);
        this.log = log.toAbsolutePath();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Where the balancer logs each node it takes out of or puts back into the rotation. */
    public Path logFile() {
        return log;
    }

    public void start() {
        if (Processes.portOpen(port)) {
            throw new IllegalStateException("port " + port + " is taken: is another balancer (or an earlier run) still up?");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", classPath(), LoadBalancerMain.class.getName(),
                Long.toString(ProcessHandle.current().pid()), Integer.toString(port)));
        nodes.forEach(node -> command.add(node.http() + ":" + node.management()));
        try {
            Files.createDirectories(log.getParent());
            long logStart = Processes.logSize(log);
            process = new ProcessBuilder(Processes.detached(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            // Listening is not enough: it is ready once it has seen a ready node.
            Processes.await("the load balancer on port " + port + " to see a ready node", Duration.ofMinutes(1), process, log,
                    () -> Processes.portOpen(port) && Processes.logSince(log, logStart).contains("is ready: it gets requests"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This module's classes and the libraries the build resolved for it (runtime.classpath, written by the build). */
    private static String classPath() {
        try (InputStream listed = LoadBalancer.class.getResourceAsStream("runtime.classpath")) {
            if (listed == null) {
                throw new IllegalStateException("runtime.classpath is missing beside " + LoadBalancer.class.getName() + ": build the stack module");
            }
            return location(LoadBalancerMain.class) + File.pathSeparator + new String(listed.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
