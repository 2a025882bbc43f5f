package dev.hookbridge.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's load balancer ({@link LoadBalancerMain}) as a child process of its own, so it can be
 * killed and restarted like the other servers: a JVM on this module's classes and the libraries the
 * build resolved for it. Its control port, the next one above its own, drains nodes and makes them
 * ready again.
 */
public final class LoadBalancer extends ChildProcess {

    /** What the balancer logs, after the node's address, when it takes a node out of the rotation. */
    public static final String TAKEN_OUT = "is not ready: it gets no new requests";
    /** What the balancer logs, after the node's address, when it drains a node. */
    public static final String DRAINED = "is drained: it gets no new requests";

    private static final HttpClient CONTROL = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

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

    /** Where the balancer is drained and told a node is ready again: the port above its own. */
    public int controlPort() {
        return port + 1;
    }

    /**
     * Takes the node out of the rotation until {@link #undrain} names it, whatever its readiness: it
     * gets no new request once this returns, and the requests it has finish. The first step of a
     * node's graceful stop, before its suspension.
     */
    public void drain(Ports node) {
        control("POST", "/nodes/" + node.http() + "/drain");
    }

    /** Ends the node's drain: the balancer's checks put it back once it is ready. */
    public void undrain(Ports node) {
        control("POST", "/nodes/" + node.http() + "/ready");
    }

    /** Whether the node is in the rotation now (ready, seen so by the balancer's checks, not drained). */
    public boolean inRotation(Ports node) {
        String prefix = "http://127.0.0.1:" + node.http() + " ";
        return control("GET", "/nodes").lines().anyMatch(line -> line.equals(prefix + "in"));
    }

    private String control(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> answer = CONTROL.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " on the balancer's control port answered "
                        + answer.statusCode() + ": " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " on the balancer's control port failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path + " on the balancer's control port", e);
        }
    }

    /** Where the balancer logs each node it takes out of or puts back into the rotation. */
    public Path logFile() {
        return log;
    }

    public void start() {
        if (Processes.portOpen(port) || Processes.portOpen(controlPort())) {
            throw new IllegalStateException("port " + port + " or " + controlPort()
                    + " is taken: is another balancer (or an earlier run) still up?");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", classPath(), LoadBalancerMain.class.getName(),
                Long.toString(ProcessHandle.current().pid()), Integer.toString(port), Integer.toString(controlPort())));
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
