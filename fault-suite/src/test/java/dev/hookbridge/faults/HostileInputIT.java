package dev.hookbridge.faults;

import dev.hookbridge.faults.support.Api;
import dev.hookbridge.faults.support.Database;
import dev.hookbridge.faults.support.FaultStack;
import dev.hookbridge.faults.support.FaultTable;
import dev.hookbridge.faults.support.Heap;
import dev.hookbridge.faults.support.Profile;
import dev.hookbridge.faults.support.RawHttp;
import dev.hookbridge.faults.support.Web;
import dev.hookbridge.testsupport.Signer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile requests to {@code /webhooks} (forged, truncated and wrongly keyed signatures,
 * replayed ids with other bodies, stale and future timestamps, oversized, slow and cut-off bodies,
 * wrong content types, invalid UTF-8 and JSON, huge headers): none may be accepted, every answer is
 * a 4xx or a closed connection, and the server stays healthy with a flat heap. Also: {@code /api}
 * is closed to anonymous users, to viewers' writes and to cross-site requests.
 */
class HostileInputIT {

    /** The source's own body limit, so oversized bodies stay cheap to send. */
    private static final int MAX_BODY = 65_536;
    private static final int SEEDS = 20;
    private static final int WORKERS = 4;
    /** Heap growth (after a full GC) above this after the fuzz counts as not flat. */
    private static final long HEAP_GROWTH_LIMIT_MIB = 64;

    private enum Kind {
        FORGED_SIGNATURE, TRUNCATED_SIGNATURE, WRONG_SECRET, REPLAYED_ID_OTHER_BODY, STALE_TIMESTAMP, FUTURE_TIMESTAMP,
        OVERSIZED_BODY, OVERSIZED_CHUNKED_BODY, WRONG_CONTENT_TYPE, INVALID_UTF8, INVALID_JSON, MISSING_HEADERS,
        MALFORMED_SIGNATURE_HEADER, UNKNOWN_SOURCE, HUGE_HEADERS, SLOW_BODY, CUT_OFF_BODY
    }

    private final String source = Api.uniqueName("hostile");
    private String secret;
    private final String wrongSecret = Signer.newStandardSecret();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void hostileRequestsAreNeverAcceptedAndNeverBreakTheServer() throws Exception {
        Profile profile = Profile.current();
        secret = Api.createStandardSource(source, Map.of("maxBodyBytes", Integer.toString(MAX_BODY)));
        for (int i = 0; i < SEEDS; i++) {
            Web.Answer seeded = sendSigned("seed-" + i, seedBody(i), "application/json", Instant.now().getEpochSecond());
            assertThat(seeded.status()).as(seeded.toString()).isEqualTo(200);
        }
        String serverBase = FaultStack.get().layout().work().resolve("wildfly").toString();
        long heapBefore = Heap.usedAfterGcMiB(java.nio.file.Path.of(serverBase));

        AtomicLong next = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong serverErrors = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Map<String, String> firstBadAnswer = new ConcurrentHashMap<>();
        Instant deadline = Instant.now().plus(profile.hostileTimeLimit());
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Random random = new Random(w);
            Thread worker = new Thread(() -> {
                long i;
                while ((i = next.getAndIncrement()) < profile.hostileRequests() && Instant.now().isBefore(deadline)) {
                    Kind kind = Kind.values()[(int) (i % Kind.values().length)];
                    int status = send(kind, i, random);
                    sent.incrementAndGet();
                    outcomes.computeIfAbsent(kind + " " + status, k -> new AtomicInteger()).incrementAndGet();
                    if (status == 0) {
                        closed.incrementAndGet();
                    } else if (status >= 200 && status < 300) {
                        accepted.incrementAndGet();
                        firstBadAnswer.putIfAbsent(kind + " " + status, "request " + i);
                    } else if (status >= 500) {
                        serverErrors.incrementAndGet();
                        firstBadAnswer.putIfAbsent(kind + " " + status, "request " + i);
                    } else if (status < 400) {
                        firstBadAnswer.putIfAbsent(kind + " " + status, "request " + i);
                    }
                }
            }, "hostile-" + w);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join(profile.hostileTimeLimit().plusMinutes(2).toMillis());
        }

        long heapAfter = Heap.usedAfterGcMiB(java.nio.file.Path.of(serverBase));
        Web.Answer ready = Web.get(FaultStack.get().wildfly().managementUrl(), "/health/ready", Map.of());
        Web.Answer stillWorks = sendSigned("after-fuzz", seedBody(999), "application/json", Instant.now().getEpochSecond());
        int storedRows = Database.queryInt("select count(*) from inbox_event where source = ?", source);
        System.out.println("Hostile input outcomes (kind status: count): " + new java.util.TreeMap<>(outcomes));

        FaultTable.add(new FaultTable.Row("hostile input to /webhooks (" + Kind.values().length + " kinds)", 1, sent.get(),
                accepted.get(), storedRows - SEEDS - 1, 0, 0,
                String.format("%d closed connections, %d 5xx; heap after full GC %d MiB before, %d MiB after; /health/ready %d;"
                        + " 'found' = inbox rows beyond the %d seeds and one valid webhook afterwards", closed.get(),
                        serverErrors.get(), heapBefore, heapAfter, ready.status(), SEEDS)));

        assertThat(sent.get()).as("requests sent").isEqualTo(profile.hostileRequests());
        assertThat(firstBadAnswer).as("answers other than 4xx or a closed connection").isEmpty();
        assertThat(accepted.get()).isZero();
        assertThat(serverErrors.get()).isZero();
        assertThat(storedRows).as("inbox rows: the seeds and the one valid webhook sent afterwards").isEqualTo(SEEDS + 1);
        assertThat(ready.status()).as("readiness after the fuzz: " + ready).isEqualTo(200);
        assertThat(stillWorks.status()).as("a valid webhook after the fuzz: " + stillWorks).isEqualTo(200);
        assertThat(heapAfter - heapBefore).as("heap growth in MiB").isLessThan(HEAP_GROWTH_LIMIT_MIB);
    }

    /**
     * A replayed id with another body and a VALID signature comes from someone holding the secret;
     * the gateway answers it as a duplicate (200, "duplicate": true; docs/inbound.md, "Duplicates")
     * so the provider stops retrying, stores nothing new and counts a conflict. Checked here apart
     * from the hostile count.
     */
    @Test
    void validlySignedReplaysWithOtherBodiesStoreNothingAndCountConflicts() {
        String replaySource = Api.uniqueName("replay");
        String replaySecret = Api.createStandardSource(replaySource, Map.of());
        String original = "{\"type\":\"replay.original\",\"data\":{}}";
        Web.Answer first = signedTo(replaySource, replaySecret, "replayed", original.getBytes(StandardCharsets.UTF_8));
        assertThat(first.status()).isEqualTo(200);
        int replays = 50;
        int duplicates = 0;
        for (int i = 0; i < replays; i++) {
            Web.Answer replay = signedTo(replaySource, replaySecret, "replayed",
                    ("{\"type\":\"replay.other\",\"data\":{\"n\":" + i + "}}").getBytes(StandardCharsets.UTF_8));
            if (replay.status() == 200 && replay.json().getBoolean("duplicate")) {
                duplicates++;
            }
        }
        List<List<String>> row = Database.rows("select convert_from(body, 'UTF8'), conflicts, "
                + "(select count(*) from inbox_event where source = ?) from inbox_event where source = ?", replaySource, replaySource);
        FaultTable.add(new FaultTable.Row("replayed id, other body, valid signature (CONTRACT: 200 duplicate)", 1, replays,
                0, Long.parseLong(row.get(0).get(2)) - 1, 0, 0,
                duplicates + " answered 200 duplicate:true; stored body unchanged: " + row.get(0).get(0).equals(original)
                        + "; conflicts counted: " + row.get(0).get(1)));
        assertThat(duplicates).isEqualTo(replays);
        assertThat(row.get(0).get(0)).isEqualTo(original);
        assertThat(row.get(0).get(1)).isEqualTo(Integer.toString(replays));
        assertThat(row.get(0).get(2)).isEqualTo("1");
    }

    @Test
    void apiIsClosedToAnonymousUsersViewersWritesAndCrossSiteRequests() {
        String base = FaultStack.baseUrl();
        byte[] event = "{\"type\":\"x.y\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, Web.Answer> answers = new LinkedHashMap<>();
        answers.put("anonymous GET /api/sources", Web.get(base, "/api/sources", Map.of()));
        expected.put("anonymous GET /api/sources", 401);
        answers.put("anonymous POST /api/events", Web.post(base, "/api/events", Map.of("Content-Type", "application/json"), event));
        expected.put("anonymous POST /api/events", 401);
        answers.put("wrong password GET /api/inbox", Web.get(base, "/api/inbox", Map.of("Authorization", Web.basic("admin", "nimda"))));
        expected.put("wrong password GET /api/inbox", 401);
        answers.put("viewer POST /api/events", Web.post(base, "/api/events",
                Map.of("Authorization", Web.VIEWER, "Content-Type", "application/json"), event));
        expected.put("viewer POST /api/events", 403);
        answers.put("viewer PUT /api/sources", Web.put(base, "/api/sources/viewer-made", Map.of("Authorization", Web.VIEWER),
                "{\"scheme\":\"standard\",\"secrets\":[\"" + Signer.newStandardSecret() + "\"]}"));
        expected.put("viewer PUT /api/sources", 403);
        answers.put("admin POST from another Origin", Web.post(base, "/api/events", Map.of("Authorization", Web.ADMIN,
                "Content-Type", "application/json", "Origin", "https://evil.example"), event));
        expected.put("admin POST from another Origin", 403);
        answers.put("admin POST with Sec-Fetch-Site: cross-site", Web.post(base, "/api/events", Map.of("Authorization", Web.ADMIN,
                "Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"), event));
        expected.put("admin POST with Sec-Fetch-Site: cross-site", 403);
        answers.put("viewer GET /api/sources", Web.get(base, "/api/sources", Map.of("Authorization", Web.VIEWER)));
        expected.put("viewer GET /api/sources", 200);

        Map<String, Integer> actual = new LinkedHashMap<>();
        answers.forEach((what, answer) -> actual.put(what, answer.status()));
        long refusedAsExpected = actual.entrySet().stream().filter(e -> e.getValue().equals(expected.get(e.getKey()))
                && e.getValue() >= 400).count();
        FaultTable.add(new FaultTable.Row("/api: anonymous, viewer writes, cross-site", 1, answers.size() - 1,
                actual.entrySet().stream().filter(e -> !e.getKey().startsWith("viewer GET") && e.getValue() < 300).count(),
                0, 0, 0, refusedAsExpected + " refused as expected: " + actual));
        assertThat(actual).isEqualTo(expected);
        assertThat(Database.queryInt("select count(*) from source where name = 'viewer-made'")).isZero();
    }

    private int send(Kind kind, long i, Random random) {
        String id = "h-" + i;
        long now = Instant.now().getEpochSecond();
        byte[] body = ("{\"type\":\"hostile\",\"data\":{\"i\":" + i + "}}").getBytes(StandardCharsets.UTF_8);
        return switch (kind) {
            case FORGED_SIGNATURE -> {
                byte[] mac = new byte[32];
                random.nextBytes(mac);
                yield post(source, headers(id, now, "v1," + Base64.getEncoder().encodeToString(mac)), body);
            }
            case TRUNCATED_SIGNATURE -> {
                String valid = Signer.standard(secret, id, now, body);
                yield post(source, headers(id, now, valid.substring(0, 3 + random.nextInt(valid.length() - 4))), body);
            }
            case WRONG_SECRET -> post(source, headers(id, now, Signer.standard(wrongSecret, id, now, body)), body);
            case REPLAYED_ID_OTHER_BODY -> {
                // The seed's id and the signature of the seed's body, with another body.
                int seed = (int) (i % SEEDS);
                String seedId = "seed-" + seed;
                yield post(source, headers(seedId, now, Signer.standard(secret, seedId, now, seedBody(seed))), body);
            }
            case STALE_TIMESTAMP -> {
                long stale = now - 301 - random.nextInt(86_400);
                yield post(source, headers(id, stale, Signer.standard(secret, id, stale, body)), body);
            }
            case FUTURE_TIMESTAMP -> {
                long future = now + 301 + random.nextInt(86_400);
                yield post(source, headers(id, future, Signer.standard(secret, id, future, body)), body);
            }
            case OVERSIZED_BODY -> {
                byte[] big = oversized(i);
                yield post(source, headers(id, now, Signer.standard(secret, id, now, big)), big);
            }
            case OVERSIZED_CHUNKED_BODY -> {
                byte[] big = oversized(i);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(FaultStack.baseUrl() + "/webhooks/" + source))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
                headers(id, now, Signer.standard(secret, id, now, big)).forEach(request::header);
                yield status(request);
            }
            case WRONG_CONTENT_TYPE -> {
                String[] types = {"text/plain", "application/xml", "multipart/form-data; boundary=x", "application/octet-stream",
                        "application/json-patch+json; charset=utf-8", "*/*"};
                Map<String, String> h = headers(id, now, Signer.standard(secret, id, now, body));
                h.put("Content-Type", types[(int) (i % types.length)]);
                yield post(source, h, body);
            }
            case INVALID_UTF8 -> {
                byte[] bad = new byte[64];
                random.nextBytes(bad);
                bad[0] = (byte) 0xC3;
                bad[1] = (byte) 0x28; // an invalid two-byte sequence, then noise
                yield post(source, headers(id, now, Signer.standard(secret, id, now, bad)), bad);
            }
            case INVALID_JSON -> {
                String[] broken = {"{", "{\"type\":", "[1,2", "{\"type\":\"a\",}", "nul", "\"just a string", "{\"a\":1}}",
                        "{\"type\":\"a\",\"data\":" + "[".repeat(5000)};
                byte[] bad = broken[(int) (i % broken.length)].getBytes(StandardCharsets.UTF_8);
                yield post(source, headers(id, now, Signer.standard(secret, id, now, bad)), bad);
            }
            case MISSING_HEADERS -> {
                Map<String, String> h = headers(id, now, Signer.standard(secret, id, now, body));
                h.remove(List.of("webhook-id", "webhook-timestamp", "webhook-signature").get((int) (i % 3)));
                yield post(source, h, body);
            }
            case MALFORMED_SIGNATURE_HEADER -> {
                String[] malformed = {"", "v1,", "v2," + Signer.standard(secret, id, now, body).substring(3), "v1,!!!notbase64!!!",
                        "v1," + "A".repeat(10_000), ("v1,AAAA ").repeat(1000), "v1a," + Signer.standard(secret, id, now, body).substring(3),
                        Signer.standard(secret, id, now, body).toUpperCase()};
                yield post(source, headers(id, now, malformed[(int) (i % malformed.length)]), body);
            }
            case UNKNOWN_SOURCE -> post(i % 2 == 0 ? "no-such-" + i : "../api/sources", headers(id, now,
                    Signer.standard(secret, id, now, body)), body);
            case HUGE_HEADERS -> {
                // Mostly 64 KiB of headers (accepted by the server, refused by the signature check), now and then 2 MiB.
                int size = i % 50 == 0 ? 2 * 1024 * 1024 : 64 * 1024;
                String head = requestHead(id, now, "v1," + Base64.getEncoder().encodeToString(new byte[32]), body.length)
                        + "\r\nX-Padding: " + "p".repeat(size);
                yield RawHttp.exchange(FaultStack.ports().http(), head, List.of(body), 0, false);
            }
            case SLOW_BODY -> {
                String head = requestHead(id, now, Signer.standard(wrongSecret, id, now, body), body.length);
                int third = body.length / 3;
                yield RawHttp.exchange(FaultStack.ports().http(), head, List.of(
                        java.util.Arrays.copyOfRange(body, 0, third), java.util.Arrays.copyOfRange(body, third, 2 * third),
                        java.util.Arrays.copyOfRange(body, 2 * third, body.length)), 20, false);
            }
            case CUT_OFF_BODY -> {
                String head = requestHead(id, now, Signer.standard(secret, id, now, body), body.length);
                yield RawHttp.exchange(FaultStack.ports().http(), head,
                        List.of(java.util.Arrays.copyOfRange(body, 0, body.length / 2)), 0, true);
            }
        };
    }

    private String requestHead(String id, long ts, String signature, int contentLength) {
        return "POST /webhooks/" + source + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n"
                + "webhook-id: " + id + "\r\nwebhook-timestamp: " + ts + "\r\nwebhook-signature: " + signature;
    }

    private static byte[] oversized(long i) {
        byte[] big = new byte[MAX_BODY + 1 + (int) (i % 4096)];
        java.util.Arrays.fill(big, (byte) 'a');
        big[0] = '"';
        big[big.length - 1] = '"';
        return big;
    }

    private static byte[] seedBody(int seed) {
        return ("{\"type\":\"hostile.seed\",\"data\":{\"seed\":" + seed + "}}").getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(String id, long ts, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(ts));
        headers.put("webhook-signature", signature);
        return headers;
    }

    private int post(String toSource, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(FaultStack.baseUrl() + "/webhooks/" + toSource))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return status(request);
    }

    private int status(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Web.Answer sendSigned(String id, byte[] body, String contentType, long ts) {
        return signedTo(source, secret, id, body, contentType, ts);
    }

    private static Web.Answer signedTo(String toSource, String withSecret, String id, byte[] body) {
        return signedTo(toSource, withSecret, id, body, "application/json", Instant.now().getEpochSecond());
    }

    private static Web.Answer signedTo(String toSource, String withSecret, String id, byte[] body, String contentType, long ts) {
        return Web.post(FaultStack.baseUrl(), "/webhooks/" + toSource, Map.of("Content-Type", contentType, "webhook-id", id,
                "webhook-timestamp", Long.toString(ts), "webhook-signature", Signer.standard(withSecret, id, ts, body)), body);
    }
}
