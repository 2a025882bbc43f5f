package dev.hookbridge.faults.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows a server's log file, as {@code tail -f} would, for the lines that contain one text, so a
 * fault can be timed to a line the server writes. The log is appended to across restarts; a file
 * that shrank was rotated and is read again from its start.
 */
public final class ServerLog {

    private static final Duration POLL = Duration.ofMillis(2);

    private final Path file;
    private final String text;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private long offset;
    private int lines;

    private ServerLog(Path file, String text, long offset) {
        this.file = file;
        this.text = text;
        this.offset = offset;
    }

    /** Follows the lines containing {@code text} that are written from now on. */
    public static ServerLog follow(Path file, String text) {
        try {
            return new ServerLog(file, text, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until a line with the text is written from now on (lines already written are counted,
     * not waited for), or the limit passes.
     *
     * @return whether such a line was written in time
     */
    public boolean awaitNext(Duration limit) {
        readAppended();
        Instant deadline = Instant.now().plus(limit);
        do {
            if (readAppended() > 0) {
                return true;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (Instant.now().isBefore(deadline));
        return false;
    }

    /** How many lines with the text were written since the following began. */
    public int lines() {
        readAppended();
        return lines;
    }

    /** Reads what was appended since the last read; answers how many new complete lines have the text. */
    private int readAppended() {
        byte[] appended;
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            if (log.length() < offset) {
                offset = 0;
                partialLine.reset();
            }
            appended = new byte[(int) (log.length() - offset)];
            log.seek(offset);
            log.readFully(appended);
            offset += appended.length;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        int found = 0;
        for (byte b : appended) {
            if (b != '\n') {
                partialLine.write(b);
                continue;
            }
            if (partialLine.toString(StandardCharsets.UTF_8).contains(text)) {
                found++;
            }
            partialLine.reset();
        }
        lines += found;
        return found;
    }
}
