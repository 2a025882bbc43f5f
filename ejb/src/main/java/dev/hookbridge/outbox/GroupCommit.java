package dev.hookbridge.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Records items in groups, one group at a time, without a timer: a thread that submits an item while
 * no group is being recorded records everything waiting (up to {@code maxGroup}) itself; a thread
 * that submits while a group is being recorded leaves its item for that thread, which goes round
 * again before it stops. Alone, an item is recorded at once in a group of one; under load the groups
 * grow with the load, so one transaction and one commit serve many items.
 */
final class GroupCommit<T> {

    private final Queue<T> waiting = new ConcurrentLinkedQueue<>();
    private final Lock recording = new ReentrantLock();
    private final int maxGroup;
    private final Consumer<List<T>> recorder;

    /** {@code recorder} records one group and must not throw: what it cannot record is its to report. */
    GroupCommit(int maxGroup, Consumer<List<T>> recorder) {
        this.maxGroup = maxGroup;
        this.recorder = recorder;
    }

    /**
     * Hands an item over; returns once it is recorded or another thread has it in hand. The item
     * was queued before the lock was tried, so a recording thread that failed to see it before it
     * unlocked sees it after, in the loop's check, and goes round again.
     */
    void submit(T item) {
        waiting.add(item);
        while (!waiting.isEmpty() && recording.tryLock()) {
            try {
                List<T> group = new ArrayList<>();
                T next;
                while (group.size() < maxGroup && (next = waiting.poll()) != null) {
                    group.add(next);
                }
                if (!group.isEmpty()) {
                    recorder.accept(group);
                }
            } finally {
                recording.unlock();
            }
        }
    }
}
