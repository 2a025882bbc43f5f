package dev.hookbridge.benchmark;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The fast loopback receiver of outbound webhooks (the JDK's HTTP server on 127.0.0.1): reads the
 * body, answers 200 with no body, and notes when each webhook-id first arrived (System.nanoTime).
 */
final class LoopbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(96);
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();

    LoopbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id != null) {
                firstArrival.putIfAbsent(id, now);
            }
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** When the webhook with this id first arrived (nanoTime), or null. */
    Long arrival(String webhookId) {
        return firstArrival.get(webhookId);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
