package dev.hookbridge.faults.support;

import dev.hookbridge.testsupport.Waits;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * HTTP/1.1 written by hand on a socket to 127.0.0.1, for what a well-behaved client library will not
 * send: huge headers, bodies trickled slowly, bodies cut off before their Content-Length. Answers the
 * status code, or 0 when the server closed the connection without one.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * @param head        request line and headers, without the blank line
     * @param bodyParts   written one after the other, {@code pauseMillis} apart
     * @param halfClose   shut the output after the parts (a body cut short)
     */
    public static int exchange(int port, String head, List<byte[]> bodyParts, long pauseMillis, boolean halfClose) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                for (byte[] part : bodyParts) {
                    out.write(part);
                    out.flush();
                    if (pauseMillis > 0) {
                        Waits.pause(Duration.ofMillis(pauseMillis));
                    }
                }
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException closedWhileWriting) {
                // The server may refuse (and close) before the whole request is written; its answer may still be readable.
            }
            return readStatus(socket.getInputStream());
        } catch (IOException e) {
            return 0;
        }
    }

    private static int readStatus(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n' && line.length() < 200) {
            line.append((char) c);
        }
        String[] parts = line.toString().trim().split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return 0;
        }
        return Integer.parseInt(parts[1]);
    }
}
