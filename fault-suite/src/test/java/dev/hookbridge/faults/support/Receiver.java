package dev.hookbridge.faults.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 that counts the requests it received per {@code webhook-id} and
 * answers each after an optional delay (so attempts are in flight when a node is killed). It can be
 * stopped (connections refused, as a receiver that is down) and started again on the same port.
 */
public final class Receiver implements AutoCloseable {

    private final int port;
    private final long delayMillis;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private HttpServer server;
    private int pausedPort;
    private ExecutorService executor;

    private Receiver(int port, long delayMillis) {
        this.port = port;
        this.delayMillis = delayMillis;
    }

    /** Starts on a free port, answering 200 after {@code delayMillis}. */
    public static Receiver start(long delayMillis) {
        Receiver receiver = new Receiver(0, delayMillis);
        receiver.open(0);
        return receiver;
    }

    private void open(int wantedPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort), 200);
            executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fault-receiver");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.createContext("/hook", this::handle);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening: attempts are refused until {@link #resume()}. */
    public void down() {
        int current = port();
        server.stop(0);
        executor.shutdownNow();
        pausedPort = current;
    }

    /** Listens again on the same port. */
    public void resume() {
        open(pausedPort);
    }

    /** Requests received so far, per webhook-id. */
    public Map<String, Integer> received() {
        Map<String, Integer> copy = new ConcurrentHashMap<>();
        received.forEach((id, n) -> copy.put(id, n.get()));
        return copy;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            // Counted on arrival: a request the receiver got counts even if the sender dies before the answer.
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id != null) {
                received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
            if (delayMillis > 0) {
                try {
                    TimeUnit.MILLISECONDS.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
