package dev.hookbridge.outbox;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.common.Page;
import dev.hookbridge.common.TypeFilter;
import dev.hookbridge.json.JsonProcessing;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * Lists events for pollers in a stable ascending order that never skips one: the order is (writing
 * transaction id, sequence), and an event is listed only once every transaction older than the
 * oldest still running has ended ({@code pg_snapshot_xmin}). A transaction that commits late, after
 * a poller moved past newer events, has a transaction id at or above that horizon, so it cannot
 * be behind the poller's cursor.
 */
@Stateless
public class EventQueries {

    @PersistenceContext
    EntityManager em;

    @EJB
    OutboxStore store;

    /** {@code type}: exact, or a prefix ending in {@code *} (see {@link TypeFilter}). */
    /** {@code customer}: only events published for it; {@code createdSince}: only events created since then (null: all). */
    public Page<EventView> list(String after, String typeText, String customer, Instant createdSince, int limit) {
        Cursor cursor = Cursor.parse(after);
        List<OutboxStore.FeedEvent> rows = store.eventsAfter(cursor.txId(), cursor.seq(), TypeFilter.parse(typeText), customer,
                createdSince, limit + 1);
        boolean more = rows.size() > limit;
        List<OutboxStore.FeedEvent> page = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (!page.isEmpty()) {
            OutboxStore.FeedEvent last = page.get(page.size() - 1);
            next = last.txId() + "-" + last.seq();
        } else if (after != null && !after.isBlank()) {
            next = after;
        }
        // Unlike other lists, the cursor is returned on the last page too: a poller keeps following it
        // for what commits later (null only while there is no event at all).
        return new Page<>(page.stream().map(e -> view(e.id(), e.type(), e.schemaVersion(), e.customer(), e.createdAt(), e.data(), e.source())).toList(), next);
    }

    public EventView get(String id) {
        OutboxEvent event = em.find(OutboxEvent.class, id);
        if (event == null) {
            throw new NotFoundException("no event with id '" + id + "'");
        }
        return view(event.getId(), event.getType(), event.getSchemaVersion(), event.getCustomerId(), event.getCreatedAt(),
                event.getData(), event.getSource());
    }

    private static EventView view(String id, String type, Integer version, String customer, Instant createdAt, String data,
                                  String source) {
        return new EventView(id, type, version, customer, createdAt, JsonProcessing.PROVIDER.createReader(new StringReader(data)).readValue(), source);
    }

    /** "txid-seq" of the last event a poller saw; absent means from the beginning. */
    record Cursor(String txId, long seq) {
        static Cursor parse(String text) {
            if (text == null || text.isBlank()) {
                return new Cursor("0", 0);
            }
            String[] parts = text.split("-", 2);
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                return new Cursor(Long.toUnsignedString(Long.parseUnsignedLong(parts[0])), Long.parseLong(parts[1]));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("after", "after must be a cursor returned as 'next'");
            }
        }
    }
}
