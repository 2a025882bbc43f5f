package dev.hookbridge.source;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps sources ready to verify requests for a few seconds, so the intake does not open a database
 * transaction of its own for every webhook just to read its source.
 *
 * How stale an entry can be: a change made through this node (replace, delete, new secret) drops
 * the entry when its transaction completes, so this node verifies with the new secrets from then on;
 * a change made through another node is seen here after at most {@link #TTL}. Unknown names are not
 * kept: a source created anywhere is found on its first request.
 */
@ApplicationScoped
public class ActiveSourceCache {

    /** How long another node's change to a source may go unseen here. */
    public static final Duration TTL = Duration.ofSeconds(5);

    private record Entry(ActiveSource source, long loadedAtNanos) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Counts invalidations, so a load that raced with one does not keep what it read. */
    private final AtomicLong invalidations = new AtomicLong();

    @EJB
    SourceService sources;

    /** The named source, from the cache while fresh, else read (and kept) in a transaction of its own. */
    public Optional<ActiveSource> active(String name) {
        long now = System.nanoTime();
        Entry entry = entries.get(name);
        if (entry != null && now - entry.loadedAtNanos() < TTL.toNanos()) {
            return Optional.of(entry.source());
        }
        long invalidationsBefore = invalidations.get();
        Optional<ActiveSource> loaded = readTwiceIfNeeded(name);
        if (loaded.isPresent()) {
            entries.put(name, new Entry(loaded.get(), now));
        } else {
            entries.remove(name);
        }
        if (invalidations.get() != invalidationsBefore) {
            // A change committed while this load ran; what it read may be older than the change.
            entries.remove(name);
        }
        return loaded;
    }

    /**
     * Reads the source; a failed read is tried once more. After a database restart a pooled
     * connection may be broken without the pool knowing yet: its first use fails (and the pool then
     * drops it), so a second read, in a new transaction, gets a working connection. A read has no
     * effect to repeat; when the database is really down the second read fails too, and that failure
     * is what the caller sees.
     */
    private Optional<ActiveSource> readTwiceIfNeeded(String name) {
        try {
            return sources.active(name);
        } catch (EJBException firstRead) {
            return sources.active(name);
        }
    }

    /** Forgets the named source (called when a transaction that changed or deleted it completes). */
    public void invalidate(String name) {
        invalidations.incrementAndGet();
        entries.remove(name);
    }
}
