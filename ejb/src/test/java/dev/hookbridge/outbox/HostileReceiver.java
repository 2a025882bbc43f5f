package dev.hookbridge.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A receiver on a real loopback socket that reads the request, then answers the way an attacker
 * would, until the sender closes the connection.
 */
final class HostileReceiver implements AutoCloseable {

    enum Behaviour {
        /** Header lines without end, as fast as the socket takes them. */
        ENDLESS_HEADERS("the answer broke a limit"),
        /** One header line that never ends. */
        ENDLESS_HEADER_LINE("the answer broke a limit"),
        /** A header line every 200 ms: no read ever waits long enough for the socket timeout. */
        TRICKLED_HEADERS("no answer within"),
        /** A status line, then a body a byte every 200 ms. */
        TRICKLED_BODY_AFTER_500("the answer (status 500) did not complete within"),
        /** Reads the request and never answers. */
        SILENT("no answer within"),
        /** 200 and a chunked body without end: the excerpt is taken and the connection closed. */
        ENDLESS_BODY_AFTER_200(null);

        final String expectedError;

        Behaviour(String expectedError) {
            this.expectedError = expectedError;
        }
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final CountDownLatch closed = new CountDownLatch(1);

    private HostileReceiver(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "hostile-receiver-" + behaviour);
        thread.setDaemon(true);
        thread.start();
    }

    static HostileReceiver start(Behaviour behaviour) throws IOException {
        return new HostileReceiver(behaviour);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    /** True once the sender has closed the connection (a write failed or the read ended). */
    boolean awaitClosed(Duration limit) throws InterruptedException {
        return closed.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            readRequest(socket.getInputStream());
            answer(socket.getOutputStream());
        } catch (IOException | InterruptedException senderClosed) {
            // the sender gave up on us: what we are here to see
        } finally {
            closed.countDown();
        }
    }

    private void answer(OutputStream out) throws IOException, InterruptedException {
        switch (behaviour) {
            case ENDLESS_HEADERS -> {
                write(out, "HTTP/1.1 200 OK\r\n");
                for (long i = 0; ; i++) {
                    write(out, "X-Filler-" + i + ": " + "v".repeat(64) + "\r\n");
                }
            }
            case ENDLESS_HEADER_LINE -> {
                write(out, "HTTP/1.1 200 OK\r\nX-Long: ");
                while (true) {
                    write(out, "a".repeat(1024));
                }
            }
            case TRICKLED_HEADERS -> {
                write(out, "HTTP/1.1 200 OK\r\n");
                for (int i = 0; ; i++) {
                    write(out, "X-Slow-" + i + ": 1\r\n");
                    Thread.sleep(200);
                }
            }
            case TRICKLED_BODY_AFTER_500 -> {
                write(out, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 100000\r\n\r\n");
                while (true) {
                    write(out, "x");
                    Thread.sleep(200);
                }
            }
            case SILENT -> Thread.sleep(Long.MAX_VALUE);
            case ENDLESS_BODY_AFTER_200 -> {
                write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                String chunk = Integer.toHexString(1024) + "\r\n" + "b".repeat(1024) + "\r\n";
                while (true) {
                    write(out, chunk);
                }
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads the request's head and its Content-Length body, so that the sender's write completes. */
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
    }
}
