package dev.hookbridge.faults.support;

import dev.hookbridge.testsupport.Signer;
import dev.hookbridge.testsupport.Waits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded generator of correctly signed webhooks to one source, each with a unique id, from a few
 * client threads on loopback, as a provider would send them. It records every id answered 200 (what
 * the gateway promised to keep) and counts every other outcome. Ids are never retried: an id the
 * gateway did not acknowledge may or may not be stored, and the reconciliation treats it so.
 * Optionally every n-th webhook has the type {@value #REFUSED_TYPE}, for a fault that makes
 * processing refuse those events.
 */
public final class InboundLoad implements AutoCloseable {

    /** Hard bounds, whatever the caller forgets: no load runs longer or sends more than this. */
    private static final Duration HARD_TIME_LIMIT = Duration.ofMinutes(30);
    private static final long HARD_REQUEST_LIMIT = 2_000_000;

    /** The event type of the webhooks a fault may make processing refuse. */
    public static final String REFUSED_TYPE = "fault.refused";

    private final String baseUrl;
    private final String source;
    private final String secret;
    private final String idPrefix;
    private final int refusedEvery;
    private final Instant hardDeadline = Instant.now().plus(HARD_TIME_LIMIT);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean paused = new AtomicBoolean(false);
    private final AtomicLong sequence = new AtomicLong();
    private final List<Thread> clients = new ArrayList<>();

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused503 = new AtomicLong();
    private final AtomicLong withoutRetryAfter = new AtomicLong();
    private final AtomicLong noAnswer = new AtomicLong();
    private final AtomicLong acknowledgedAsDuplicate = new AtomicLong();
    private final Map<String, Long> unexpected = new ConcurrentHashMap<>();
    private final Queue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

    /** One request: when it was sent, how long its answer took, and the status (0: no answer). */
    public record Exchange(Instant sent, Duration took, int status) {

        public Instant answered() {
            return sent.plus(took);
        }
    }

    private InboundLoad(String baseUrl, String source, String secret, String idPrefix, int refusedEvery) {
        this.baseUrl = baseUrl;
        this.source = source;
        this.secret = secret;
        this.idPrefix = idPrefix;
        this.refusedEvery = refusedEvery;
    }

    public static InboundLoad start(String baseUrl, String source, String secret, int clientThreads) {
        return start(baseUrl, source, secret, clientThreads, 0);
    }

    /** @param refusedEvery every this many webhooks one has the type {@value #REFUSED_TYPE} (0: none) */
    public static InboundLoad start(String baseUrl, String source, String secret, int clientThreads, int refusedEvery) {
        InboundLoad load = new InboundLoad(baseUrl, source, secret, "evt-" + source, refusedEvery);
        for (int i = 0; i < clientThreads; i++) {
            Thread t = new Thread(load::run, "load-" + source + "-" + i);
            t.setDaemon(true);
            load.clients.add(t);
            t.start();
        }
        return load;
    }

    private void run() {
        while (running.get() && Instant.now().isBefore(hardDeadline) && sent.get() < HARD_REQUEST_LIMIT) {
            if (paused.get()) {
                Waits.pause(Duration.ofMillis(50));
                continue;
            }
            long number = sequence.incrementAndGet();
            String id = idPrefix + "-" + number;
            String type = refusedEvery > 0 && number % refusedEvery == 0 ? REFUSED_TYPE : "fault.load";
            byte[] body = ("{\"type\":\"" + type + "\",\"data\":{\"id\":\"" + id + "\"}}").getBytes(StandardCharsets.UTF_8);
            long ts = Instant.now().getEpochSecond();
            Instant sentAt = Instant.now();
            long start = System.nanoTime();
            Web.Answer answer = Web.post(baseUrl, "/webhooks/" + source, Map.of(
                    "Content-Type", "application/json",
                    "webhook-id", id,
                    "webhook-timestamp", Long.toString(ts),
                    "webhook-signature", Signer.standard(secret, id, ts, body)), body);
            sent.incrementAndGet();
            exchanges.add(new Exchange(sentAt, Duration.ofNanos(System.nanoTime() - start), answer.status()));
            switch (answer.status()) {
                case 200 -> {
                    acknowledged.add(id);
                    if (answer.body().contains("\"duplicate\":true")) {
                        acknowledgedAsDuplicate.incrementAndGet();
                    }
                }
                case 503 -> {
                    refused503.incrementAndGet();
                    if (answer.retryAfter().isEmpty()) {
                        withoutRetryAfter.incrementAndGet();
                    }
                    Waits.pause(Duration.ofMillis(50));
                }
                case 0 -> {
                    noAnswer.incrementAndGet();
                    // The server is down or restarting: do not spin on a refused port.
                    Waits.pause(Duration.ofMillis(100));
                }
                default -> unexpected.merge(answer.status() + " " + abbreviate(answer.body()), 1L, Long::sum);
            }
        }
    }

    /** Holds back the clients' next requests (those in flight still get their answers) until {@link #resume()}. */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    /** Stops the clients and waits for their requests in flight (each bounded by the HTTP timeout). */
    public InboundLoad stop() {
        running.set(false);
        for (Thread t : clients) {
            try {
                t.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    @Override
    public void close() {
        stop();
    }

    public Set<String> acknowledged() { return Set.copyOf(acknowledged); }

    /** Whether the webhook with this id was sent with the type {@value #REFUSED_TYPE}. */
    public boolean refused(String id) {
        if (refusedEvery == 0 || !id.startsWith(idPrefix + "-")) {
            return false;
        }
        return Long.parseLong(id.substring(idPrefix.length() + 1)) % refusedEvery == 0;
    }

    public long sent() { return sent.get(); }
    public long refused503() { return refused503.get(); }
    public long withoutRetryAfter() { return withoutRetryAfter.get(); }
    public long noAnswer() { return noAnswer.get(); }
    public long acknowledgedAsDuplicate() { return acknowledgedAsDuplicate.get(); }
    public Map<String, Long> unexpected() { return Map.copyOf(unexpected); }

    /** The requests sent in [from, until), with their answers, by the time each request was sent. */
    public List<Exchange> sentBetween(Instant from, Instant until) {
        return exchanges.stream().filter(e -> !e.sent().isBefore(from) && e.sent().isBefore(until)).toList();
    }

    /** Waits (bounded) until the gateway acknowledges webhooks again: 50 more than now. */
    public void awaitMoreAcknowledged(String when, Duration limit) {
        int before = acknowledged.size();
        Waits.awaitThroughErrors("webhooks to be acknowledged " + when).atMost(limit)
                .until(acknowledged::size, n -> n > before + 50);
    }

    /**
     * How long the gateway acknowledged nothing around {@code fault}: from the last 200 answered
     * before it to the first 200 answered to a request sent after it.
     */
    public Duration acknowledgementGap(Instant fault) {
        List<Exchange> ok = sentBetween(fault.minusSeconds(60), Instant.now()).stream().filter(e -> e.status() == 200).toList();
        Optional<Instant> lastBefore = ok.stream().map(Exchange::answered).filter(answered -> answered.isBefore(fault))
                .max(Comparator.naturalOrder());
        Optional<Instant> firstAfter = ok.stream().filter(e -> !e.sent().isBefore(fault)).map(Exchange::answered)
                .min(Comparator.naturalOrder());
        if (lastBefore.isEmpty() || firstAfter.isEmpty()) {
            throw new IllegalStateException("no 200 answered before and after " + fault);
        }
        return Duration.between(lastBefore.get(), firstAfter.get());
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
