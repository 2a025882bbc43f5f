package dev.hookbridge.it;

import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.testsupport.Signer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow clients on the public listener: connections that send part of their headers, or their headers
 * and part of a body, then nothing. More of them than WildFly has worker threads must not keep a valid
 * webhook (or the API) waiting. Slow headers are closed by the listener's request-parse-timeout (10 s
 * by default, set by hookbridge-install.cli); slow bodies are read without a worker and answered 408
 * when hookbridge.inbound.body-timeout (10 s) passes.
 */
@SystemTest
class SlowClientsIT {

    /** The script that sets the test server's request threads (the io subsystem's worker). */
    private static final Path SERVER_SCRIPT = Path.of("..", "ear", "src", "main", "wildfly", "dev-server.cli");
    /** More slow connections than the test server has request threads. */
    private static final int SLOW_CONNECTIONS = requestThreads() + 16;
    /** The listener's default request-parse-timeout plus room for a busy machine. */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(10 + 10);

    @Test
    void slowHeadersHoldNoWorkerAndAreClosedByTheListener() throws Exception {
        String source = Fixtures.uniqueName("slow");
        String secret = Fixtures.createStandardSource(source);
        URI base = URI.create(TestStack.baseUrl());
        List<String> starts = new ArrayList<>();
        for (int i = 0; i < SLOW_CONNECTIONS; i++) {
            starts.add("POST /webhooks/" + source + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Ty");
        }
        // Whatever the server answers before closing (a 408, say) is not asked for.
        List<String> answers = validWebhookAcceptedBeside(source, secret, starts);
        assertThat(answers).as("each slow connection closed by the server within %s", CLOSED_WITHIN).doesNotContainNull();
    }

    @Test
    void slowBodiesHoldNoWorkerAndAreAnswered408() throws Exception {
        String source = Fixtures.uniqueName("slowbody");
        String secret = Fixtures.createStandardSource(source);
        URI base = URI.create(TestStack.baseUrl());
        List<String> starts = new ArrayList<>();
        for (int i = 0; i < SLOW_CONNECTIONS; i++) {
            String id = "slow-" + i;
            long ts = System.currentTimeMillis() / 1000;
            String body = Fixtures.standardBody("slow.body");
            starts.add("POST /webhooks/" + source + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nContent-Type: application/json\r\nwebhook-id: " + id + "\r\nwebhook-timestamp: " + ts
                    + "\r\nwebhook-signature: " + Signer.standard(secret, id, ts, body)
                    + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 10));
        }
        List<String> answers = validWebhookAcceptedBeside(source, secret, starts);
        assertThat(answers).as("each slow body answered and closed within %s", CLOSED_WITHIN)
                .allSatisfy(answer -> assertThat(answer).startsWith("HTTP/1.1 408"));
    }

    @Test
    void aBodyThatArrivesInPiecesIsStoredWholeOnceItIsComplete() throws Exception {
        String source = Fixtures.uniqueName("pieces");
        String secret = Fixtures.createStandardSource(source);
        URI base = URI.create(TestStack.baseUrl());
        String id = "msg_" + UUID.randomUUID();
        long ts = System.currentTimeMillis() / 1000;
        String body = Fixtures.standardBody("pieces.test");
        String head = "POST /webhooks/" + source + " HTTP/1.1\r\nHost: " + base.getHost()
                + "\r\nContent-Type: application/json\r\nwebhook-id: " + id + "\r\nwebhook-timestamp: " + ts
                + "\r\nwebhook-signature: " + Signer.standard(secret, id, ts, body)
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = open(base, head + body.substring(0, 10))) {
            // The rest comes later, in two more pieces: the body is read as it arrives, then handed on whole.
            Thread.sleep(500);
            OutputStream out = socket.getOutputStream();
            out.write(body.substring(10, 20).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(500);
            out.write(body.substring(20).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = answerUntilClosed(socket, System.nanoTime() + CLOSED_WITHIN.toNanos());
            assertThat(answer).as("the answer to a body sent in three pieces").startsWith("HTTP/1.1 200");
        }
        JsonObject row = Fixtures.inboxDetail(Fixtures.inboxEvent(source, id).orElseThrow().getString("id"));
        assertThat(row.getString("body")).as("the stored body").isEqualTo(body);
    }

    /**
     * Opens one connection per start of a request and sends nothing more on it; meanwhile a valid
     * webhook and an API call must each be answered within a second. Answers what each slow
     * connection got before the server closed it (null: still open after {@link #CLOSED_WITHIN}),
     * after checking that only the valid webhook was stored.
     */
    private static List<String> validWebhookAcceptedBeside(String source, String secret, List<String> starts) throws Exception {
        URI base = URI.create(TestStack.baseUrl());
        List<Socket> slow = new ArrayList<>();
        try {
            for (String start : starts) {
                slow.add(open(base, start));
            }
            // Let the server take every one of them in before the real request comes.
            Thread.sleep(1000);

            String id = "msg_" + UUID.randomUUID();
            long started = System.nanoTime();
            Reply accepted = Fixtures.sendStandard(source, secret, id, Fixtures.standardBody("slow.clients"));
            Duration webhookTook = Duration.ofNanos(System.nanoTime() - started);
            started = System.nanoTime();
            Reply api = Http.admin().get("/api/sources/" + source);
            Duration apiTook = Duration.ofNanos(System.nanoTime() - started);

            assertThat(accepted.status()).as("valid webhook beside %d slow connections: %s", slow.size(), accepted)
                    .isEqualTo(200);
            assertThat(webhookTook).as("time to accept the valid webhook").isLessThan(Duration.ofSeconds(1));
            assertThat(api.status()).isEqualTo(200);
            assertThat(apiTook).as("time to answer the API").isLessThan(Duration.ofSeconds(1));

            long deadline = System.nanoTime() + CLOSED_WITHIN.toNanos();
            List<String> answers = new ArrayList<>();
            for (Socket socket : slow) {
                answers.add(answerUntilClosed(socket, deadline));
            }
            assertThat(Fixtures.inboxEvent(source, id)).as("the valid webhook is stored").isPresent();
            assertThat(Fixtures.inbox(source)).as("nothing from the slow connections is stored").hasSize(1);
            return answers;
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /**
     * What the server sends until it closes the connection (end of stream or reset); null when the
     * deadline passes first.
     */
    private static String answerUntilClosed(Socket socket, long deadlineNanos) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (true) {
            long left = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
            socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            try {
                int n = in.read(buffer);
                if (n == -1) {
                    return answer.toString(StandardCharsets.US_ASCII);
                }
                answer.write(buffer, 0, n);
            } catch (SocketTimeoutException stillOpen) {
                return null;
            } catch (IOException reset) {
                return answer.toString(StandardCharsets.US_ASCII);
            }
        }
    }

    private static Socket open(URI base, String start) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(start.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The worker's task-max-threads as the server script sets it, else WildFly's default of 16 per core. */
    private static int requestThreads() {
        try {
            Matcher set = Pattern.compile("worker=default:write-attribute\\(name=task-max-threads, value=(\\d+)\\)")
                    .matcher(Files.readString(SERVER_SCRIPT));
            return set.find() ? Integer.parseInt(set.group(1)) : Runtime.getRuntime().availableProcessors() * 16;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
