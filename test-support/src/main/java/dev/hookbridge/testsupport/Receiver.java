package dev.hookbridge.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on the loopback interface for outbound webhooks: answers from a per-test
 * script, records every request, and verifies Standard Webhooks signatures with its own HMAC
 * (never the product's code). It counts the requests of each webhook-id and notes when the first
 * arrived, and can go down (connections refused) and come back on the same port.
 *
 * <pre>
 * try (Receiver receiver = Receiver.start()) {
 *     receiver.then(Answer.of(500), Answer.retryAfter(503, "1")).otherwise(Answer.of(200));
 *     ... receiver.url() ... receiver.awaitRequests(3) ...
 * }
 * </pre>
 */
public final class Receiver implements AutoCloseable {

    /** Signatures whose timestamp is further than this from the receive time are refused, as receivers should. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** The longest a held answer waits for its gate. */
    public static final Duration HOLD_LIMIT = Duration.ofSeconds(60);

    private static final String PATH = "/hook";
    private static final int BACKLOG = 512;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final boolean recording;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final Map<String, Deque<Answer>> scriptsById = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Arrivals> arrivals = new ConcurrentHashMap<>();
    private Answer fallback;
    private HttpServer server;
    private ExecutorService executor;
    private volatile int port;

    private Receiver(boolean recording, Answer fallback) {
        this.recording = recording;
        this.fallback = fallback;
    }

    /** Starts a receiver on 127.0.0.1 and a free port; by default it answers 200 to everything. */
    public static Receiver start() {
        Receiver receiver = new Receiver(true, Answer.of(200));
        receiver.open(0);
        return receiver;
    }

    /**
     * Starts a receiver for load: it keeps no request, only the count and first arrival of each
     * webhook-id (so the heap does not fill), and answers 200 without a body unless scripted.
     */
    public static Receiver startForLoad() {
        Receiver receiver = new Receiver(false, Answer.of(200, ""));
        receiver.open(0);
        return receiver;
    }

    private void open(int wantedPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort), BACKLOG);
            // A thread per request in flight, so that concurrent (or held) deliveries never wait for the receiver.
            executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "receiver-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            server.createContext("/", this::handle);
            server.setExecutor(executor);
            server.start();
            port = server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops listening: connections are refused until {@link #comeBack()}. */
    public void goDown() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Listens again, on the same port. */
    public void comeBack() {
        open(port);
    }

    /** The URL to register as an endpoint. */
    public String url() {
        return url(PATH);
    }

    /** A URL on this receiver with the given path (e.g. the target of a redirect). */
    public String url(String path) {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port + path;
    }

    /** Queues answers for the next requests, in order; once used up, {@link #otherwise} answers. */
    public synchronized Receiver then(Answer... answers) {
        script.addAll(Arrays.asList(answers));
        return this;
    }

    /**
     * Queues answers for the next requests with this webhook-id (the attempts of one event); they
     * come before the general queue.
     */
    public synchronized Receiver thenFor(String webhookId, Answer... answers) {
        scriptsById.computeIfAbsent(webhookId, id -> new ArrayDeque<>()).addAll(Arrays.asList(answers));
        return this;
    }

    /** The answer once the queued ones are used up (initially 200). */
    public synchronized Receiver otherwise(Answer answer) {
        fallback = answer;
        return this;
    }

    /** Every request received so far, in arrival order (none for a receiver started for load). */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests carrying this webhook-id (every attempt of one event). */
    public List<Request> requests(String webhookId) {
        return requests().stream().filter(r -> webhookId.equals(r.header("webhook-id").orElse(null))).toList();
    }

    /** Waits (bounded) until at least {@code count} requests arrived; answers all of them. */
    public List<Request> awaitRequests(int count) {
        return Waits.await(count + " request(s) at " + url()).until(this::requests, l -> l.size() >= count);
    }

    /** Waits (bounded) until at least {@code count} requests with this webhook-id arrived. */
    public List<Request> awaitRequests(String webhookId, int count) {
        return Waits.await(count + " request(s) with webhook-id " + webhookId + " at " + url())
                .until(() -> requests(webhookId), l -> l.size() >= count);
    }

    /**
     * How many requests arrived per webhook-id, counted on arrival: a request the receiver got counts
     * even if the sender died before the answer.
     */
    public Map<String, Integer> arrivalsPerWebhookId() {
        Map<String, Integer> counts = new HashMap<>();
        arrivals.forEach((id, a) -> counts.put(id, a.count.get()));
        return counts;
    }

    /** When the first request with this webhook-id arrived ({@link System#nanoTime()}), or null. */
    public Long firstArrivalNanos(String webhookId) {
        Arrivals a = arrivals.get(webhookId);
        return a == null ? null : a.firstNanos;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrivedNanos = System.nanoTime();
        try (exchange) {
            String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
            if (webhookId != null) {
                arrivals.computeIfAbsent(webhookId, id -> new Arrivals(arrivedNanos)).count.incrementAndGet();
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Answer answer;
            synchronized (this) {
                if (recording) {
                    Map<String, List<String>> headers = new LinkedHashMap<>();
                    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
                    requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body,
                            Instant.now()));
                }
                Deque<Answer> forId = webhookId == null ? null : scriptsById.get(webhookId);
                answer = forId != null && !forId.isEmpty() ? forId.poll() : script.isEmpty() ? fallback : script.poll();
            }
            try {
                if (!answer.delay().isZero()) {
                    Thread.sleep(answer.delay().toMillis());
                }
                if (answer.gate() != null && !answer.gate().await(HOLD_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a held answer was not released within " + HOLD_LIMIT);
                }
            } catch (InterruptedException e) {
                // Closing the receiver interrupts a slow answer: answer nothing.
                Thread.currentThread().interrupt();
                return;
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] content = answer.body().getBytes(StandardCharsets.UTF_8);
            if (content.length > 0) {
                exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            }
            if (content.length == 0 || answer.status() == 204 || answer.status() == 304) {
                exchange.sendResponseHeaders(answer.status(), -1);
            } else {
                exchange.sendResponseHeaders(answer.status(), content.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(content);
                }
            }
        }
    }

    /** The requests of one webhook-id: how many, and when the first arrived. */
    private static final class Arrivals {
        final long firstNanos;
        final AtomicInteger count = new AtomicInteger();

        Arrivals(long firstNanos) {
            this.firstNanos = firstNanos;
        }
    }

    /**
     * One scripted answer: status, extra headers, a small text body; sent after a delay, or once a
     * gate opens (usually neither).
     */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay, CountDownLatch gate) {

        public static Answer of(int status) {
            return of(status, "answer " + status);
        }

        public static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body, Duration.ZERO, null);
        }

        public static Answer retryAfter(int status, String retryAfter) {
            return new Answer(status, Map.of("Retry-After", retryAfter), "answer " + status, Duration.ZERO, null);
        }

        public static Answer redirect(int status, String location) {
            return new Answer(status, Map.of("Location", location), "answer " + status, Duration.ZERO, null);
        }

        /** An answer that comes only after {@code delay} (to outlast the sender's timeout). */
        public static Answer slow(Duration delay, int status) {
            return new Answer(status, Map.of(), "answer " + status, delay, null);
        }

        /** An answer held back until the test opens the gate (at most {@link #HOLD_LIMIT}). */
        public static Answer heldUntil(CountDownLatch gate, int status) {
            return new Answer(status, Map.of(), "answer " + status, Duration.ZERO, gate);
        }
    }

    /** One received request; header names are lower case. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] rawBody,
                          Instant receivedAt) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public String body() {
            return new String(rawBody, StandardCharsets.UTF_8);
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(body())).readObject();
        }

        public String webhookId() {
            return header("webhook-id").orElseThrow(() -> new AssertionError("no webhook-id in " + this));
        }

        /** The space-separated entries of webhook-signature (e.g. two "v1,…" during a rotation). */
        public List<String> signatureEntries() {
            String header = header("webhook-signature").orElse("").trim();
            return header.isEmpty() ? List.of() : List.of(header.split("\\s+"));
        }

        /**
         * Standard Webhooks verification as a receiver does it: some "v1," entry must equal
         * base64(HMAC-SHA256(base64decode(secret after whsec_), "id.timestamp.rawBody")) for one of
         * the secrets, and the timestamp must be within {@link #TOLERANCE} of the receive time.
         */
        public boolean verifySignature(List<String> secrets) {
            Optional<String> id = header("webhook-id");
            Optional<String> timestamp = header("webhook-timestamp");
            if (id.isEmpty() || timestamp.isEmpty() || !timestamp.get().matches("\\d+")) {
                return false;
            }
            long seconds = Long.parseLong(timestamp.get());
            if (Math.abs(seconds - receivedAt.getEpochSecond()) > TOLERANCE.toSeconds()) {
                return false;
            }
            byte[] prefix = (id.get() + "." + timestamp.get() + ".").getBytes(StandardCharsets.UTF_8);
            byte[] signed = new byte[prefix.length + rawBody.length];
            System.arraycopy(prefix, 0, signed, 0, prefix.length);
            System.arraycopy(rawBody, 0, signed, prefix.length, rawBody.length);
            for (String secret : secrets) {
                if (!secret.startsWith("whsec_")) {
                    throw new IllegalArgumentException("not a Standard Webhooks secret: " + secret);
                }
                byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
                byte[] expected = Signer.hmac("HmacSHA256", key, signed);
                for (String entry : signatureEntries()) {
                    if (!entry.startsWith("v1,")) {
                        continue;
                    }
                    byte[] given;
                    try {
                        given = Base64.getDecoder().decode(entry.substring(3));
                    } catch (IllegalArgumentException notBase64) {
                        continue;
                    }
                    if (MessageDigest.isEqual(expected, given)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return method + " " + path + " at " + receivedAt + " " + headers + " " + body();
        }
    }
}
