package dev.hookbridge.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads PostgreSQL's lock waits at a fixed interval while a window runs, on a connection of its own to
 * the server's maintenance database (both views cover the whole server, and the sampler's queries are
 * not counted among the gateway database's transactions): whether the nodes queue behind each other on
 * a lock (a global lock, a hot row) shows in pg_locks and pg_stat_activity as it happens, not in any
 * total afterwards.
 */
final class LockSampler implements AutoCloseable {

    /** Backends other than the sampler's own, waiting on a heavyweight lock, with what they run. */
    private static final String WAITING = "select wait_event, left(regexp_replace(query, '\\s+', ' ', 'g'), 80) "
            + "from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()";
    /**
     * Locks not granted, with the relation's oid and database where the lock is on one (names are in
     * each database's own catalog; the waiting statement names the table).
     */
    private static final String NOT_GRANTED = "select l.locktype, l.relation::text || ' in ' || d.datname from pg_locks l "
            + "left join pg_database d on d.oid = l.database where not l.granted";

    private final Connection connection;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lock-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<LockSample> samples = new ArrayList<>();
    private volatile String failure;

    private LockSampler(Database db, Duration every) throws SQLException {
        this.connection = db.connectToMaintenanceDatabase();
        timer.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    static LockSampler start(Database db, Duration every) {
        try {
            return new LockSampler(db, every);
        } catch (SQLException e) {
            throw new IllegalStateException("the lock sampler could not connect: " + e.getMessage(), e);
        }
    }

    private void sample() {
        try (PreparedStatement waiting = connection.prepareStatement(WAITING);
             PreparedStatement notGranted = connection.prepareStatement(NOT_GRANTED)) {
            List<String> what = new ArrayList<>();
            int waitingBackends = 0;
            try (ResultSet rows = waiting.executeQuery()) {
                while (rows.next()) {
                    waitingBackends++;
                    what.add(rows.getString(1) + ": " + rows.getString(2));
                }
            }
            int notGrantedLocks = 0;
            try (ResultSet rows = notGranted.executeQuery()) {
                while (rows.next()) {
                    notGrantedLocks++;
                    String relation = rows.getString(2);
                    what.add(relation == null ? rows.getString(1) + " lock" : "relation " + relation);
                }
            }
            synchronized (samples) {
                samples.add(new LockSample(waitingBackends, notGrantedLocks, what));
            }
        } catch (SQLException e) {
            failure = e.getMessage();
        }
    }

    /** Stops sampling and sums up what was seen; fails if sampling failed, so a window never reports waits it could not read. */
    LockWaits stop() {
        close();
        if (failure != null) {
            throw new IllegalStateException("reading PostgreSQL's locks failed: " + failure);
        }
        synchronized (samples) {
            return LockWaits.of(samples);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // Closing the sampler's connection failed: nothing was lost.
        }
    }
}
