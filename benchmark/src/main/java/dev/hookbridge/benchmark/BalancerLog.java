package dev.hookbridge.benchmark;

import dev.hookbridge.stack.LoadBalancer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The load balancer's log read over a window: how often it took a node out of the rotation (its
 * readiness check was refused, answered other than 200, or missed three times in a row). A node taken
 * out under load gets no requests for a while, and with every node out the balancer answers 503
 * itself, so this is read beside each window's errors.
 */
final class BalancerLog {

    private final Path file;

    BalancerLog(Path file) {
        this.file = file;
    }

    /** Where the log ends now. */
    long position() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many times a node was taken out after {@code position}. */
    int takenOutSince(long position) {
        try {
            byte[] all = Files.readAllBytes(file);
            int from = (int) Math.min(position, all.length);
            return takenOut(new String(all, from, all.length - from, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int takenOut(String logText) {
        int count = 0;
        for (String line : logText.split("\n")) {
            if (line.contains(LoadBalancer.TAKEN_OUT)) {
                count++;
            }
        }
        return count;
    }
}
