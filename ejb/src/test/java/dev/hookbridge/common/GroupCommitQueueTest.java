package dev.hookbridge.common;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitQueueTest {

    @Test
    void anItemSubmittedAloneIsWrittenAtOnceByItsCallerInAGroupOfOne() {
        List<List<String>> groups = new ArrayList<>();
        List<Thread> writingThreads = new ArrayList<>();
        GroupCommitQueue<String, String> queue = new GroupCommitQueue<>(64, 2, group -> {
            groups.add(List.copyOf(group));
            writingThreads.add(Thread.currentThread());
            return group.stream().map(String::toUpperCase).toList();
        }, item -> {
            throw new AssertionError("no group failed");
        }, failure -> true);

        assertThat(queue.submit("a")).isEqualTo("A");
        assertThat(queue.submit("b")).isEqualTo("B");

        assertThat(groups).containsExactly(List.of("a"), List.of("b"));
        assertThat(writingThreads).containsOnly(Thread.currentThread());
    }

    @Test
    void underConcurrentSubmitsEachCallerGetsItsOwnOutcomeFromGroupsOfAtMostTheMaximumAndAtMostTheWritersAtOnce() throws Exception {
        int threads = 16;
        int perThread = 300;
        int maxGroup = 8;
        int writers = 2;
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger writingNow = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        GroupCommitQueue<String, String> queue = new GroupCommitQueue<>(maxGroup, writers, group -> {
            mostAtOnce.accumulateAndGet(writingNow.incrementAndGet(), Math::max);
            groupSizes.add(group.size());
            written.addAll(group);
            sleepMillis(1); // a commit takes time: items queue up meanwhile
            writingNow.decrementAndGet();
            return group.stream().map(item -> "written:" + item).toList();
        }, item -> {
            throw new AssertionError("no group failed");
        }, failure -> true);
        AtomicInteger wrongOutcomes = new AtomicInteger();

        runConcurrently(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                String item = thread + "-" + i;
                if (!queue.submit(item).equals("written:" + item)) {
                    wrongOutcomes.incrementAndGet();
                }
            }
        });

        assertThat(written).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(wrongOutcomes).hasValue(0);
        assertThat(mostAtOnce.get()).isBetween(1, writers);
        assertThat(groupSizes).allSatisfy(size -> assertThat(size).isBetween(1, maxGroup));
        assertThat(groupSizes.size()).as("groups formed under load").isLessThan(threads * perThread);
    }

    @Test
    void aFailedGroupIsWrittenAgainOneItemAtATimeSoOnlyTheBadItemFails() throws Exception {
        List<String> writtenAlone = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstGroupStarted = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupCommitQueue<String, String> queue = new GroupCommitQueue<>(64, 1, group -> {
            if (group.equals(List.of("hold"))) {
                firstGroupStarted.countDown();
                await(othersQueued);
                return List.of("held");
            }
            if (group.contains("bad")) {
                throw new IllegalArgumentException("the group holds a bad item");
            }
            return group;
        }, item -> {
            writtenAlone.add(item);
            if (item.equals("bad")) {
                throw new IllegalArgumentException("bad item");
            }
            return "alone:" + item;
        }, failure -> true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<String> holder = pool.submit(() -> queue.submit("hold"));
            firstGroupStarted.await(10, TimeUnit.SECONDS);
            // Queued while the only writer is busy, so they form the next group together.
            Future<String> good1 = pool.submit(() -> queue.submit("good1"));
            Future<String> bad = pool.submit(() -> queue.submit("bad"));
            Future<String> good2 = pool.submit(() -> queue.submit("good2"));
            awaitQueued(queue, 3);
            othersQueued.countDown();

            assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("held");
            assertThat(good1.get(10, TimeUnit.SECONDS)).isEqualTo("alone:good1");
            assertThat(good2.get(10, TimeUnit.SECONDS)).isEqualTo("alone:good2");
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("bad item");
            assertThat(writtenAlone).containsExactlyInAnyOrder("good1", "bad", "good2");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aGroupOfOneThatFailsFailsItsCallerWithoutASecondTry() {
        AtomicInteger groupWrites = new AtomicInteger();
        GroupCommitQueue<String, String> queue = new GroupCommitQueue<>(64, 1, group -> {
            groupWrites.incrementAndGet();
            throw new IllegalStateException("database unavailable");
        }, item -> {
            throw new AssertionError("a group of one is not written again");
        }, failure -> true);

        assertThatThrownBy(() -> queue.submit("a")).hasMessage("database unavailable");
        assertThat(groupWrites).hasValue(1);
    }

    @Test
    void aGroupWhoseFailureSaysRetryingIsPointlessFailsEveryCallerWithoutWritingAlone() throws Exception {
        CountDownLatch firstGroupStarted = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        AtomicInteger writtenAlone = new AtomicInteger();
        GroupCommitQueue<String, String> queue = new GroupCommitQueue<>(64, 1, group -> {
            if (group.equals(List.of("hold"))) {
                firstGroupStarted.countDown();
                await(othersQueued);
                return List.of("held");
            }
            throw new IllegalStateException("broker down");
        }, item -> {
            writtenAlone.incrementAndGet();
            return item;
        }, failure -> !failure.getMessage().equals("broker down"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<String> holder = pool.submit(() -> queue.submit("hold"));
            firstGroupStarted.await(10, TimeUnit.SECONDS);
            Future<String> first = pool.submit(() -> queue.submit("x"));
            Future<String> second = pool.submit(() -> queue.submit("y"));
            awaitQueued(queue, 2);
            othersQueued.countDown();

            assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("held");
            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("broker down");
            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("broker down");
            assertThat(writtenAlone).hasValue(0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failingTheWaitingItemsAnswersTheirCallersAtOnceWhileAGroupIsStillBeingWritten() throws Exception {
        CountDownLatch firstGroupStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommitQueue<String, String> queue = new GroupCommitQueue<>(64, 1, group -> {
            firstGroupStarted.countDown();
            await(release);
            return group;
        }, item -> item, failure -> true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<String> hung = pool.submit(() -> queue.submit("hung"));
            firstGroupStarted.await(10, TimeUnit.SECONDS);
            Future<String> waiting1 = pool.submit(() -> queue.submit("w1"));
            Future<String> waiting2 = pool.submit(() -> queue.submit("w2"));
            awaitQueued(queue, 2);

            queue.failWaiting(new IllegalStateException("backend down"));

            assertThatThrownBy(() -> waiting1.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("backend down");
            assertThatThrownBy(() -> waiting2.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("backend down");
            assertThat(hung.isDone()).as("the group being written is not interrupted").isFalse();
            release.countDown();
            assertThat(hung.get(10, TimeUnit.SECONDS)).isEqualTo("hung");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQueued(GroupCommitQueue<?, ?> queue, int items) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queue.waitingItems() < items && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(queue.waitingItems()).as("items waiting for the busy writer").isEqualTo(items);
    }

    private interface Submitter {
        void run(int thread) throws Exception;
    }

    private static void runConcurrently(int threads, Submitter submitter) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    start.await();
                    submitter.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
