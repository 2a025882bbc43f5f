package dev.hookbridge.benchmark.server;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Arrays;

/**
 * Baseline 5, the loop: one request runs XA transactions back to back for the given time and
 * answers each transaction's duration in microseconds, one per line ("#errors n" and "#ran start end",
 * the loop's first and last instant in the server's nanoTime, first), so HTTP costs nothing per
 * transaction. The benchmark calls it from 1, 16 or 64 clients at once and checks from the instants
 * that the loops really ran at once: a loop that waited for a request thread ran after the others.
 */
@Path("xa")
@RequestScoped
public class XaLoopResource {

    private static final String HEADERS = "{\"content-type\":[\"application/json\"]}";

    @Inject
    XaBaselineTransaction transaction;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String loop(@QueryParam("millis") long millis, @QueryParam("prefix") String prefix) {
        byte[] body = new byte[1024];
        Arrays.fill(body, (byte) 'x');
        long started = System.nanoTime();
        long end = started + millis * 1_000_000L;
        StringBuilder out = new StringBuilder(64 * 1024);
        StringBuilder latencies = new StringBuilder(64 * 1024);
        int errors = 0;
        for (long i = 0; System.nanoTime() < end; i++) {
            long start = System.nanoTime();
            try {
                transaction.insertAndSend(prefix + "-" + i, body, HEADERS);
                latencies.append((System.nanoTime() - start) / 1000).append('\n');
            } catch (RuntimeException e) {
                errors++;
            }
        }
        out.append("#errors ").append(errors).append('\n');
        out.append("#ran ").append(started).append(' ').append(System.nanoTime()).append('\n');
        return out.append(latencies).toString();
    }
}
