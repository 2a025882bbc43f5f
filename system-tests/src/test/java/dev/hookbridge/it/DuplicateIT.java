package dev.hookbridge.it;

import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Providers;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.Signer;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static dev.hookbridge.it.support.Providers.now;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * De-duplication by (source, event id), docs/inbound.md, "Duplicates": a second copy is answered
 * 200 duplicate:true and stores and publishes nothing, even when the copies arrive at the same
 * instant; a copy with a different body is counted as a conflict.
 */
@SystemTest
class DuplicateIT {

    private static final int CONCURRENT_COPIES = 20;

    @Test
    void secondCopyIsADuplicateAndNothingNewIsStoredOrPublished() throws JMSException {
        String source = Fixtures.uniqueName("dup");
        String secret = Fixtures.createStandardSource(source);
        String eventId = "msg_" + UUID.randomUUID();
        String body = Fixtures.standardBody("order.created");

        try (Jms.Subscription events = subscribe(eventId)) {
            Reply first = Providers.standard(source, secret, eventId, now(), body);
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.json().getBoolean("duplicate")).isFalse();
            String inboxId = first.json().getString("inboxId");
            Fixtures.awaitStatus(inboxId, "PROCESSED");

            // The provider's retry: same id and body, freshly signed.
            Reply second = Providers.standard(source, secret, eventId, now(), body);

            assertThat(second.status()).as(second.toString()).isEqualTo(200);
            assertThat(second.json().getBoolean("duplicate")).isTrue();
            assertThat(second.json().getString("inboxId")).isEqualTo(inboxId);
            assertThat(second.json().getString("eventId")).isEqualTo(eventId);
            assertThat(Fixtures.inbox(source)).hasSize(1);
            JsonObject row = Fixtures.inboxDetail(inboxId);
            assertThat(row.getInt("conflicts")).isZero();
            assertThat(row.getInt("attempts")).isEqualTo(1);

            assertPublishedOnce(events, source, secret);
        }
    }

    @Test
    void copyWithADifferentBodyIsADuplicateCountedAsAConflict() {
        String source = Fixtures.uniqueName("conflict");
        String secret = Fixtures.createStandardSource(source);
        String eventId = "msg_" + UUID.randomUUID();
        String body = Fixtures.standardBody("order.created");
        Reply first = Providers.standard(source, secret, eventId, now(), body);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String inboxId = first.json().getString("inboxId");

        Reply changed = Providers.standard(source, secret, eventId, now(), Fixtures.standardBody("order.created"));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().getBoolean("duplicate")).isTrue();
        assertThat(changed.json().getString("inboxId")).isEqualTo(inboxId);
        JsonObject row = Fixtures.inboxDetail(inboxId);
        assertThat(row.getInt("conflicts")).isEqualTo(1);
        assertThat(row.getString("body")).as("the first body is kept").isEqualTo(body);
        assertThat(Fixtures.inbox(source)).hasSize(1);

        // An identical copy of the stored body is a plain duplicate, not another conflict.
        Reply same = Providers.standard(source, secret, eventId, now(), body);
        assertThat(same.json().getBoolean("duplicate")).isTrue();
        assertThat(Fixtures.inboxDetail(inboxId).getInt("conflicts")).isEqualTo(1);
    }

    @Test
    void theSameEventIdInAnotherSourceIsAnotherEvent() {
        String first = Fixtures.uniqueName("dup-a");
        String second = Fixtures.uniqueName("dup-b");
        String firstSecret = Fixtures.createStandardSource(first);
        String secondSecret = Fixtures.createStandardSource(second);
        String eventId = "msg_" + UUID.randomUUID();
        String body = Fixtures.standardBody("order.created");

        Reply a = Providers.standard(first, firstSecret, eventId, now(), body);
        Reply b = Providers.standard(second, secondSecret, eventId, now(), body);

        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        assertThat(b.status()).as(b.toString()).isEqualTo(200);
        assertThat(b.json().getBoolean("duplicate")).isFalse();
        assertThat(b.json().getString("inboxId")).isNotEqualTo(a.json().getString("inboxId"));
        assertThat(Fixtures.inbox(first)).hasSize(1);
        assertThat(Fixtures.inbox(second)).hasSize(1);
    }

    @Test
    void twentyIdenticalRequestsAtTheSameInstantStoreAndPublishOneEvent() throws Exception {
        String source = Fixtures.uniqueName("race");
        String secret = Fixtures.createStandardSource(source);
        String eventId = "msg_" + UUID.randomUUID();
        String body = Fixtures.standardBody("order.created");
        long ts = now();
        Http signed = Http.anonymous()
                .header("webhook-id", eventId)
                .header("webhook-timestamp", Long.toString(ts))
                .header("webhook-signature", Signer.standard(secret, eventId, ts, body));

        try (Jms.Subscription events = subscribe(eventId)) {
            List<Reply> replies = sendAtOnce(CONCURRENT_COPIES,
                    () -> Providers.post(signed, source, Providers.JSON, body));

            assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
            assertThat(replies).filteredOn(r -> !r.json().getBoolean("duplicate")).as("first-time answers").hasSize(1);
            String inboxId = replies.get(0).json().getString("inboxId");
            assertThat(replies).allSatisfy(r -> {
                assertThat(r.json().getString("inboxId")).isEqualTo(inboxId);
                assertThat(r.json().getString("eventId")).isEqualTo(eventId);
            });
            List<JsonObject> rows = Fixtures.inbox(source);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getString("id")).isEqualTo(inboxId);
            assertThat(rows.get(0).getInt("conflicts")).isZero();

            Fixtures.awaitStatus(inboxId, "PROCESSED");
            assertPublishedOnce(events, source, secret);
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private static Jms.Subscription subscribe(String eventId) throws JMSException {
        return new Jms.Subscription(Jms.asAdmin(), "webhooks.events", "eventId = '" + eventId + "'");
    }

    /**
     * The event reached webhooks.events exactly once. A second copy could only have been queued
     * before its 200 answer, so once a later event of the same source has been published too, it
     * had its chance.
     */
    private static void assertPublishedOnce(Jms.Subscription events, String source, String secret) throws JMSException {
        Waits.await("the event on webhooks.events").until(events::received, l -> !l.isEmpty());
        String markerId = "marker_" + UUID.randomUUID();
        try (Jms.Subscription marker = subscribe(markerId)) {
            Reply sent = Providers.standard(source, secret, markerId, now(), Fixtures.standardBody("marker"));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            Waits.await("the later marker event on webhooks.events").until(marker::received, l -> !l.isEmpty());
        }
        List<Message> received = events.received();
        assertThat(received).as("messages for the event on webhooks.events").hasSize(1);
    }

    /** Sends from {@code copies} threads released together by one barrier; answers every reply. */
    private static List<Reply> sendAtOnce(int copies, Supplier<Reply> send) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            CyclicBarrier startGate = new CyclicBarrier(copies);
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                futures.add(pool.submit(() -> {
                    startGate.await(30, TimeUnit.SECONDS);
                    return send.get();
                }));
            }
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get(120, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
