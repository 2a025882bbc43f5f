package dev.hookbridge.outbox;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class GroupCommitTest {

    @Test
    void anItemSubmittedAloneIsRecordedAtOnceInTheSubmittingThreadInAGroupOfOne() {
        List<List<String>> groups = new ArrayList<>();
        List<Thread> recordingThreads = new ArrayList<>();
        GroupCommit<String> commit = new GroupCommit<>(64, group -> {
            groups.add(List.copyOf(group));
            recordingThreads.add(Thread.currentThread());
        });

        commit.submit("a");
        commit.submit("b");

        assertThat(groups).containsExactly(List.of("a"), List.of("b"));
        assertThat(recordingThreads).containsOnly(Thread.currentThread());
    }

    @Test
    void underConcurrentSubmitsEveryItemIsRecordedExactlyOnceInGroupsOfAtMostTheMaximumOneGroupAtATime() throws Exception {
        int threads = 16;
        int perThread = 500;
        int maxGroup = 8;
        List<String> recorded = Collections.synchronizedList(new ArrayList<>());
        List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger recordingNow = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        GroupCommit<String> commit = new GroupCommit<>(maxGroup, group -> {
            if (recordingNow.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            groupSizes.add(group.size());
            recorded.addAll(group);
            sleepMillis(1); // a commit takes time: items queue up meanwhile
            recordingNow.decrementAndGet();
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> submitters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                submitters.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        commit.submit(thread + "-" + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> submitter : submitters) {
                submitter.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        // Once every submit has returned, nothing is left waiting.
        assertThat(recorded).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(overlaps).hasValue(0);
        assertThat(groupSizes).allSatisfy(size -> assertThat(size).isBetween(1, maxGroup));
        assertThat(groupSizes.size()).as("groups formed under load").isLessThan(threads * perThread);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
