package dev.hookbridge.it;

import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Waits;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receivers that attack the dispatcher, on real sockets, against the deployed gateway (the test stack
 * sets hookbridge.delivery.timeout to PT5S): endless headers, headers trickled a line at a time, a
 * receiver that never answers. Each attempt fails within the deadline with its reason, the gateway
 * stops reading an endless answer (what the receiver managed to write stays bounded: nothing piles up
 * in WildFly's heap), and a receiver holding many deliveries open takes only its endpoint's places
 * (hookbridge.delivery.max-in-flight-per-endpoint, 48 of the dispatcher's 64): another endpoint keeps
 * being delivered meanwhile.
 */
@SystemTest
class HostileReceiverIT {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** More than the dispatcher's 64 places: without a cap per endpoint they would hold all of them. */
    private static final int HELD_DELIVERIES = 80;
    /** The HTTP client's connections to one host: attempts beyond them wait in the client for a connection. */
    private static final int CONNECTIONS_PER_HOST = 20;

    @Test
    void eachHostileAnswerFailsItsAttemptWithinTheDeadlineAndTheReadStops() throws Exception {
        String type = Outbound.uniqueType("hostile");
        try (RawReceiver endlessHeaders = RawReceiver.start(RawReceiver.Answer.ENDLESS_HEADERS);
             RawReceiver trickledHeaders = RawReceiver.start(RawReceiver.Answer.TRICKLED_HEADERS);
             RawReceiver silent = RawReceiver.start(RawReceiver.Answer.SILENT)) {
            String endlessId = Outbound.createEndpoint(endlessHeaders.url(), type).getString("id");
            String trickledId = Outbound.createEndpoint(trickledHeaders.url(), type).getString("id");
            String silentId = Outbound.createEndpoint(silent.url(), type).getString("id");

            String eventId = Outbound.publish(type);

            assertFirstAttemptFailed(eventId, endlessId, "the answer broke a limit");
            assertFirstAttemptFailed(eventId, trickledId, "no answer within");
            assertFirstAttemptFailed(eventId, silentId, "no answer within");
            // A receiver that may write without end has its connection closed after a few KiB of headers; what
            // it got into the socket before that is bounded by the socket buffers, not by how long it tries.
            assertThat(endlessHeaders.written()).as("bytes the endless receiver got to write").isLessThan(16L << 20);
        }
    }

    @Test
    void aReceiverHoldingManyDeliveriesOpenTakesOnlyItsEndpointsPlaces() throws Exception {
        String heldType = Outbound.uniqueType("held");
        String otherType = Outbound.uniqueType("other");
        try (RawReceiver silent = RawReceiver.start(RawReceiver.Answer.SILENT); Receiver other = Receiver.start()) {
            Outbound.createEndpoint(silent.url(), heldType);
            Outbound.createEndpoint(other.url(), otherType);
            for (int i = 0; i < HELD_DELIVERIES; i++) {
                Outbound.publish(heldType);
            }
            Waits.await("the silent receiver to hold attempts open").until(() -> silent.connections(), n -> n > 0);

            Instant published = Instant.now();
            String eventId = Outbound.publish(otherType);
            other.awaitRequests(eventId, 1);
            Duration took = Duration.between(published, Instant.now());
            // Read before the first held attempts reach their deadline and make room for the next ones.
            int heldAtOnce = silent.mostConnections();

            assertThat(took).as("delivery to another endpoint while %d are held open", HELD_DELIVERIES)
                    .isLessThan(DEADLINE.minusSeconds(1));
            assertThat(heldAtOnce).as("connections the silent receiver held open at once").isEqualTo(CONNECTIONS_PER_HOST);
        }
    }

    private static void assertFirstAttemptFailed(String eventId, String endpointId, String reason) {
        String deliveryId = Outbound.deliveryId(eventId, endpointId);
        JsonObject delivery = Waits.await("a first attempt of delivery " + deliveryId).until(() -> Outbound.delivery(deliveryId),
                d -> !d.getJsonArray("attempts").isEmpty());
        JsonObject attempt = delivery.getJsonArray("attempts").getJsonObject(0);
        assertThat(attempt.getString("error", "")).as("attempt of %s", delivery).contains(reason);
        assertThat(Duration.ofMillis(attempt.getJsonNumber("latencyMs").longValue())).as("attempt of %s", delivery)
                .isLessThan(DEADLINE.plusSeconds(1));
    }

    /** A receiver on a raw socket that reads each request, then answers as an attacker would. */
    private static final class RawReceiver implements AutoCloseable {

        enum Answer { ENDLESS_HEADERS, TRICKLED_HEADERS, SILENT }

        private final ServerSocket server;
        private final Answer answer;
        private final AtomicLong written = new AtomicLong();
        private final List<Socket> open = new ArrayList<>();
        private int mostConnections;

        private RawReceiver(Answer answer) throws IOException {
            this.answer = answer;
            this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::acceptEach, "raw-receiver-" + answer);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static RawReceiver start(Answer answer) throws IOException {
            return new RawReceiver(answer);
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        long written() {
            return written.get();
        }

        /** Connections open at this moment. */
        synchronized int connections() {
            open.removeIf(Socket::isClosed);
            return open.size();
        }

        synchronized int mostConnections() {
            return mostConnections;
        }

        private void acceptEach() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    synchronized (this) {
                        open.add(socket);
                        mostConnections = Math.max(mostConnections, connections());
                    }
                    Thread connection = new Thread(() -> serve(socket), "raw-receiver-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                readRequest(in);
                OutputStream out = socket.getOutputStream();
                switch (answer) {
                    case ENDLESS_HEADERS -> {
                        write(out, "HTTP/1.1 200 OK\r\n");
                        for (long i = 0; ; i++) {
                            write(out, "X-Filler-" + i + ": " + "v".repeat(64) + "\r\n");
                        }
                    }
                    case TRICKLED_HEADERS -> {
                        write(out, "HTTP/1.1 200 OK\r\n");
                        for (int i = 0; ; i++) {
                            write(out, "X-Slow-" + i + ": 1\r\n");
                            Thread.sleep(200);
                        }
                    }
                    case SILENT -> {
                        // Until the gateway closes the connection: read returns -1 (or fails).
                        while (in.read() >= 0) {
                            // nothing more is expected
                        }
                    }
                }
            } catch (IOException | InterruptedException gatewayClosed) {
                // the gateway gave up on this connection: what the test wants to see
            }
        }

        private void write(OutputStream out, String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            out.write(bytes);
            out.flush();
            written.addAndGet(bytes.length);
        }

        private static void readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("request ended early");
                }
                head.append((char) b);
            }
            long length = head.toString().lines()
                    .filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
                    .mapToLong(line -> Long.parseLong(line.substring(15).trim()))
                    .findFirst().orElse(0);
            in.readNBytes((int) length);
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (this) {
                for (Socket socket : open) {
                    socket.close();
                }
            }
        }
    }
}
