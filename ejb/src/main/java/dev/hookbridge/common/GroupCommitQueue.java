package dev.hookbridge.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Writes items in groups, each group in one transaction, and hands every caller the outcome of its
 * own item. There is no timer and no linger: a caller whose item is waiting writes a group itself as
 * soon as one of the {@code writers} slots is free, taking everything waiting at that moment (up to
 * {@code maxGroup}); while every slot is busy its item waits for the next group. Alone, an item is
 * written at once in a group of one; under load the groups grow with the load.
 *
 * A group that fails is written again one item at a time, each in a transaction of its own, so one
 * item that cannot be written fails only its own caller (unless the failure says that retrying is
 * pointless, such as a backend that is down).
 */
public final class GroupCommitQueue<T, R> {

    private final Queue<Pending<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a group is finished: a slot is free and some items are done. */
    private final Condition groupFinished = lock.newCondition();
    private final int maxGroup;
    private final int writers;
    private final Function<List<T>, List<R>> writeGroup;
    private final Function<T, R> writeOne;
    private final Predicate<RuntimeException> retryAlone;
    private int busyWriters;

    /**
     * @param writeGroup writes a group in one transaction and returns one outcome per item, in order;
     *                   throws if nothing was written
     * @param writeOne   writes a single item in a transaction of its own (a failed group's items)
     * @param retryAlone whether a group that failed so is written again one item at a time; if not,
     *                   every caller of the group gets the group's failure
     */
    public GroupCommitQueue(int maxGroup, int writers, Function<List<T>, List<R>> writeGroup, Function<T, R> writeOne,
                            Predicate<RuntimeException> retryAlone) {
        if (maxGroup < 1 || writers < 1) {
            throw new IllegalArgumentException("maxGroup and writers must be positive");
        }
        this.maxGroup = maxGroup;
        this.writers = writers;
        this.writeGroup = writeGroup;
        this.writeOne = writeOne;
        this.retryAlone = retryAlone;
    }

    /** Writes the item (in a group, maybe by another caller's thread) and returns its outcome or throws its failure. */
    public R submit(T item) {
        Pending<T, R> mine = new Pending<>(item);
        waiting.add(mine);
        while (!mine.done) {
            if (takeWriterSlot(mine)) {
                try {
                    writeNextGroup();
                } finally {
                    releaseWriterSlot();
                }
            }
        }
        return mine.outcome();
    }

    /** Fails every item not yet taken into a group (their callers get the failure at once). */
    public void failWaiting(RuntimeException failure) {
        Pending<T, R> pending;
        while ((pending = waiting.poll()) != null) {
            pending.fail(failure);
        }
        lock.lock();
        try {
            groupFinished.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Items handed over and not yet taken into a group. */
    public int waitingItems() {
        return waiting.size();
    }

    /**
     * Waits until a slot is free and something waits to be written (true, slot taken), or the item
     * was written by someone else (false). Nothing waiting means the item is in a group being written:
     * its caller waits for that group instead of taking a slot to find nothing.
     */
    private boolean takeWriterSlot(Pending<T, R> mine) {
        lock.lock();
        try {
            while (!mine.done && (busyWriters == writers || waiting.isEmpty())) {
                groupFinished.awaitUninterruptibly();
            }
            if (mine.done) {
                return false;
            }
            busyWriters++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void releaseWriterSlot() {
        lock.lock();
        try {
            busyWriters--;
            groupFinished.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void writeNextGroup() {
        List<Pending<T, R>> group = new ArrayList<>();
        Pending<T, R> next;
        while (group.size() < maxGroup && (next = waiting.poll()) != null) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        List<R> outcomes;
        try {
            outcomes = writeGroup.apply(group.stream().map(p -> p.item).toList());
        } catch (RuntimeException groupFailed) {
            if (group.size() == 1 || !retryAlone.test(groupFailed)) {
                group.forEach(p -> p.fail(groupFailed));
            } else {
                group.forEach(this::writeAlone);
            }
            return;
        }
        if (outcomes.size() != group.size()) {
            IllegalStateException wrong = new IllegalStateException(
                    "a group of " + group.size() + " was written with " + outcomes.size() + " outcomes");
            group.forEach(p -> p.fail(wrong));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).succeed(outcomes.get(i));
        }
    }

    private void writeAlone(Pending<T, R> pending) {
        try {
            pending.succeed(writeOne.apply(pending.item));
        } catch (RuntimeException failed) {
            pending.fail(failed);
        }
    }

    /** An item and, once written, its outcome; read by its caller after the writer signalled under the lock. */
    private static final class Pending<T, R> {
        final T item;
        volatile boolean done;
        private R result;
        private RuntimeException failure;

        Pending(T item) {
            this.item = item;
        }

        void succeed(R outcome) {
            result = outcome;
            done = true;
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
        }

        R outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
