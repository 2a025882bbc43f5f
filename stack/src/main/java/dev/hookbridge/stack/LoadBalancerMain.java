package dev.hookbridge.stack;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The load balancer in front of a cluster's WildFly nodes, run as a process of its own
 * ({@link LoadBalancer}): Undertow's reverse proxy sends each request to the next node in turn, and
 * a check of every node's readiness ({@code /health/ready} on its management port) twice a second
 * takes a node out while it is not ready (dead, starting, shutting down, or without its database or
 * broker) and puts it back once it is. A node that does not take the check's connection or answers it
 * with anything but 200 is out at once; one that is only slow to answer (a node busy with work)
 * stays in until it has missed {@value #MISSED_CHECKS_BEFORE_OUT} checks in a row. The nodes are
 * checked at the same time, so a slow one does not delay the others' checks. A request waits for a
 * free connection to its node rather than being refused (up to {@value #WAITING_REQUESTS_LIMIT} for
 * each node on each of the proxy's I/O threads); one the balancer cannot complete in time is answered
 * 503 or 504 with {@code Retry-After}, as the gateway answers while a backend is down. It ends with
 * the process that started it.
 *
 * <p>A node can also be drained, as ops drain a server in HAProxy before a rolling restart: it gets
 * no new requests from then on, whatever its readiness, while the requests it already has finish,
 * until it is made ready again. That is done on the control port, which only this machine reaches:
 * <ul>
 * <li>{@code POST /nodes/{httpPort}/drain} takes the node out before it answers;</li>
 * <li>{@code POST /nodes/{httpPort}/ready} lets the checks put it back once it is ready;</li>
 * <li>{@code GET /nodes} lists every node with its state: {@code in}, {@code out} or {@code drained}.</li>
 * </ul>
 *
 * <p>Arguments: the pid of the process that started it, the port to listen on (127.0.0.1), the
 * control port (127.0.0.1), then one {@code httpPort:managementPort} per node.
 */
public final class LoadBalancerMain {

    private static final Duration CHECK_EVERY = Duration.ofMillis(500);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);
    private static final int MISSED_CHECKS_BEFORE_OUT = 3;
    /** Requests waiting for a connection to a node (per I/O thread), beyond which the balancer answers 503 itself. */
    private static final int WAITING_REQUESTS_LIMIT = 1024;
    private static final HttpString RETRY_AFTER = new HttpString("Retry-After");

    private LoadBalancerMain() {
    }

    public static void main(String[] args) {
        // Killed with it, the starter cannot stop the balancer: it stops itself.
        ProcessHandle.of(Long.parseLong(args[0])).ifPresentOrElse(starter -> starter.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
        int port = Integer.parseInt(args[1]);
        int controlPort = Integer.parseInt(args[2]);
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] ports = args[i].split(":");
            nodes.put(ports[0], new Node(URI.create("http://127.0.0.1:" + ports[0]), URI.create("http://127.0.0.1:" + ports[1] + "/health/ready")));
        }
        // A node that refuses a connection is tried again after a second, not at once by every request.
        LoadBalancingProxyClient proxy = new LoadBalancingProxyClient().setProblemServerRetry(1).setConnectionsPerThread(32)
                .setMaxQueueSize(WAITING_REQUESTS_LIMIT);
        HttpHandler proxyHandler = ProxyHandler.builder()
                .setProxyClient(proxy)
                .setMaxRequestTime(120_000)
                // Only a connection that could not be made is retried on another node: nothing was sent yet.
                .setMaxConnectionRetries(nodes.size())
                .setRewriteHostHeader(false)
                .setReuseXForwarded(false)
                .build();
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(exchange -> {
                    exchange.addResponseCommitListener(committing -> {
                        // The balancer's own 503 and 504 (and a suspended server's 503) have no body;
                        // the gateway's always has one, with its own Retry-After, and is passed on as it is.
                        int status = committing.getStatusCode();
                        if ((status == StatusCodes.SERVICE_UNAVAILABLE || status == StatusCodes.GATEWAY_TIME_OUT)
                                && !committing.getResponseHeaders().contains(Headers.CONTENT_TYPE)
                                && !committing.getResponseHeaders().contains(RETRY_AFTER)) {
                            committing.getResponseHeaders().put(RETRY_AFTER, "1");
                        }
                    });
                    proxyHandler.handleRequest(exchange);
                })
                .addHttpListener(controlPort, "127.0.0.1", control(nodes, proxy))
                .build();
        server.start();

        HttpClient checks = HttpClient.newBuilder().connectTimeout(CHECK_TIMEOUT).build();
        ExecutorService checking = Executors.newFixedThreadPool(nodes.size());
        List<Callable<Void>> round = nodes.values().stream().<Callable<Void>>map(node -> () -> {
            node.check(checks, proxy);
            return null;
        }).toList();
        ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor();
        checker.scheduleWithFixedDelay(() -> {
            // A task that throws is never run again: a failed round must not end the checks.
            try {
                for (Future<Void> check : checking.invokeAll(round)) {
                    check.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | RuntimeException e) {
                System.out.println("Checking the nodes failed, trying again: " + e);
            }
        }, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        System.out.println("Load balancer on 127.0.0.1:" + port + " for " + nodes.size() + " nodes");
    }

    /** The control port's handler: drains a node, makes it ready again, lists the nodes' states. */
    private static HttpHandler control(Map<String, Node> nodes, LoadBalancingProxyClient proxy) {
        String usage = "POST /nodes/{httpPort}/drain, POST /nodes/{httpPort}/ready or GET /nodes\n";
        HttpHandler routes = Handlers.routing()
                .post("/nodes/{port}/drain", exchange -> onNode(exchange, nodes, node -> node.drain(proxy)))
                .post("/nodes/{port}/ready", exchange -> onNode(exchange, nodes, Node::undrain))
                .get("/nodes", exchange -> answer(exchange, StatusCodes.OK, nodes.values().stream()
                        .map(node -> node.http + " " + node.state()).collect(Collectors.joining("\n", "", "\n"))))
                .setFallbackHandler(exchange -> answer(exchange, StatusCodes.NOT_FOUND, usage))
                .setInvalidMethodHandler(exchange -> answer(exchange, StatusCodes.METHOD_NOT_ALLOWED, usage));
        // A drain waits for a node's lock, which a check holds briefly: on a worker thread, not an I/O thread.
        return new BlockingHandler(routes);
    }

    private static void onNode(HttpServerExchange exchange, Map<String, Node> nodes, Consumer<Node> change) {
        String port = exchange.getQueryParameters().get("port").getFirst();
        Node node = nodes.get(port);
        if (node == null) {
            answer(exchange, StatusCodes.NOT_FOUND, "no node on port " + port + "; the nodes: " + String.join(", ", nodes.keySet()) + "\n");
            return;
        }
        change.accept(node);
        answer(exchange, StatusCodes.OK, node.http + " " + node.state() + "\n");
    }

    private static void answer(HttpServerExchange exchange, int status, String text) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
        exchange.getResponseSender().send(text);
    }

    /**
     * One WildFly node: where its requests go and where its readiness is read; in the balancer while
     * ready and not drained. The checks and the control port change its state under its lock.
     */
    private static final class Node {
        private final URI http;
        private final URI readiness;
        /** Written under the lock; read without it by a check deciding whether a slow answer keeps the node in. */
        private volatile boolean inBalancer;
        private boolean drained;
        private int missedInARow;

        Node(URI http, URI readiness) {
            this.http = http;
            this.readiness = readiness;
        }

        synchronized void drain(LoadBalancingProxyClient proxy) {
            drained = true;
            if (inBalancer) {
                // Its requests in flight finish; those waiting for one of its connections go to another node.
                proxy.removeHost(http);
                inBalancer = false;
                System.out.println("Node " + http + " " + LoadBalancer.DRAINED);
            }
        }

        synchronized void undrain() {
            if (drained) {
                drained = false;
                System.out.println("Node " + http + " is no longer drained: the checks put it back once it is ready");
            }
        }

        synchronized String state() {
            return drained ? "drained" : inBalancer ? "in" : "out";
        }

        void check(HttpClient client, LoadBalancingProxyClient proxy) {
            boolean ready;
            try {
                HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(readiness).timeout(CHECK_TIMEOUT).build(),
                        HttpResponse.BodyHandlers.discarding());
                ready = answer.statusCode() == StatusCodes.OK;
                missedInARow = 0;
            } catch (HttpConnectTimeoutException e) {
                // Its port takes no connection: the node is gone, not busy.
                missedInARow = 0;
                ready = false;
            } catch (HttpTimeoutException e) {
                missedInARow++;
                ready = inBalancer && missedInARow < MISSED_CHECKS_BEFORE_OUT;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                // Refused or reset: nothing listens there, or the node is going away.
                missedInARow = 0;
                ready = false;
            }
            apply(ready, proxy);
        }

        private synchronized void apply(boolean ready, LoadBalancingProxyClient proxy) {
            if (drained) {
                return;
            }
            if (ready && !inBalancer) {
                proxy.addHost(http);
                System.out.println("Node " + http + " is ready: it gets requests");
            } else if (!ready && inBalancer) {
                proxy.removeHost(http);
                System.out.println("Node " + http + " " + LoadBalancer.TAKEN_OUT);
            }
            inBalancer = ready;
        }
    }
}
