package dev.hookbridge.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The stack's load balancer, started as its own process in front of two small HTTP servers that stand
 * in for WildFly nodes (a port that answers with the node's name, and a management port whose
 * {@code /health/ready} answers 200): a drained node gets no new request although its readiness
 * stays 200, a request it already has still finishes, and it is back in the rotation once undrained.
 */
class LoadBalancerDrainTest {

    private static final Ports FIRST = new Ports(30_000, 0, 0, 0);
    private static final Ports SECOND = new Ports(30_100, 0, 0, 0);
    private static final int BALANCER_PORT = 38_000;
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<HttpServer> servers = new ArrayList<>();
    private final CountDownLatch slowRequestArrived = new CountDownLatch(1);
    private final CountDownLatch releaseSlowRequest = new CountDownLatch(1);
    private LoadBalancer balancer;

    @TempDir
    Path work;

    @BeforeEach
    void startNodesAndBalancer() {
        startNode("first", FIRST);
        startNode("second", SECOND);
        balancer = new LoadBalancer(BALANCER_PORT, List.of(FIRST, SECOND), work.resolve("balancer.log"));
        balancer.start();
        await("both nodes in the rotation").atMost(LIMIT).until(() -> balancer.inRotation(FIRST) && balancer.inRotation(SECOND));
    }

    @AfterEach
    void stopAll() {
        releaseSlowRequest.countDown();
        if (balancer != null) {
            balancer.stop();
        }
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void aDrainedNodeGetsNoNewRequestWhileItStaysReady() throws Exception {
        assertThat(answeringNodes(20)).containsOnlyKeys("first", "second");

        balancer.drain(FIRST);

        assertThat(balancer.inRotation(FIRST)).isFalse();
        assertThat(answeringNodes(20)).containsOnlyKeys("second");
        // Several rounds of the balancer's readiness checks (twice a second) see the node ready.
        Thread.sleep(1_500);
        assertThat(get(FIRST.management(), "/health/ready").statusCode()).isEqualTo(200);
        assertThat(answeringNodes(20)).containsOnlyKeys("second");
        assertThat(Files.readString(balancer.logFile())).contains("http://127.0.0.1:" + FIRST.http() + " " + LoadBalancer.DRAINED);
    }

    @Test
    void aRequestTheNodeAlreadyHasFinishesAfterItsDrain() throws Exception {
        // Round robin: one of two slow requests reaches the first node.
        List<CompletableFuture<HttpResponse<String>>> slow = List.of(sendAsync("/slow"), sendAsync("/slow"));
        assertThat(slowRequestArrived.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("a slow request reached the first node").isTrue();

        balancer.drain(FIRST);
        releaseSlowRequest.countDown();

        List<String> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> request : slow) {
            HttpResponse<String> answer = request.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            answers.add(answer.body());
        }
        assertThat(answers).contains("first");
    }

    @Test
    void anUndrainedNodeIsBackInTheRotationOnceReady() throws Exception {
        balancer.drain(FIRST);
        assertThat(answeringNodes(10)).containsOnlyKeys("second");

        balancer.undrain(FIRST);

        await("the first node back in the rotation").atMost(LIMIT).until(() -> balancer.inRotation(FIRST));
        assertThat(answeringNodes(20)).containsOnlyKeys("first", "second");
    }

    @Test
    void aPortThatIsNoNodeIsRefusedWithTheNodesNamed() {
        assertThatThrownBy(() -> balancer.drain(new Ports(31_000, 0, 0, 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("404")
                .hasMessageContaining("no node on port 39080")
                .hasMessageContaining(Integer.toString(FIRST.http()));
        assertThat(balancer.inRotation(FIRST)).isTrue();
        assertThat(balancer.inRotation(SECOND)).isTrue();
    }

    /** How many of {@code requests} sequential requests through the balancer each node answered. */
    private Map<String, Long> answeringNodes(int requests) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> answer = get(BALANCER_PORT, "/");
            assertThat(answer.statusCode()).as("answer through the balancer").isEqualTo(200);
            names.add(answer.body());
        }
        return names.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(request(port, path), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String path) {
        return client.sendAsync(request(BALANCER_PORT, path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(LIMIT).build();
    }

    private void startNode(String name, Ports ports) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", ports.http()), 0);
            http.setExecutor(Executors.newCachedThreadPool());
            http.createContext("/", exchange -> {
                if (exchange.getRequestURI().getPath().equals("/slow") && name.equals("first")) {
                    slowRequestArrived.countDown();
                    awaitRelease();
                }
                answer(exchange, name);
            });
            HttpServer management = HttpServer.create(new InetSocketAddress("127.0.0.1", ports.management()), 0);
            management.createContext("/health/ready", exchange -> answer(exchange, "{\"status\":\"UP\"}"));
            http.start();
            management.start();
            servers.add(http);
            servers.add(management);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitRelease() {
        try {
            releaseSlowRequest.await(LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
