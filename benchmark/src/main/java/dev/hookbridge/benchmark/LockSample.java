package dev.hookbridge.benchmark;

import java.util.List;

/**
 * One look at PostgreSQL's locks: backends waiting on a heavyweight lock ({@code pg_stat_activity}),
 * locks asked for and not granted ({@code pg_locks}), and what is waited for, one entry per waiting
 * backend or not-granted lock (a relation's name, or the lock's type and the waiting statement).
 */
record LockSample(int waitingBackends, int notGrantedLocks, List<String> waitedFor) {

    LockSample {
        waitedFor = List.copyOf(waitedFor);
    }

    boolean anyWait() {
        return waitingBackends > 0 || notGrantedLocks > 0;
    }
}
