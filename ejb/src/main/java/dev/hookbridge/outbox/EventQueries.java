package dev.hookbridge.outbox;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.common.Page;
import dev.hookbridge.common.SqlValues;
import dev.hookbridge.common.TypeFilter;
import dev.hookbridge.json.JsonProcessing;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;

import java.io.StringReader;
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

    private static final String COLUMNS = "id, type, created_at, data, source, tx_id::text as tx_id, seq";

    @PersistenceContext
    EntityManager em;

    /** {@code type}: exact, or a prefix ending in {@code *} (see {@link TypeFilter}). */
    public Page<EventView> list(String after, String typeText, int limit) {
        Cursor cursor = Cursor.parse(after);
        TypeFilter type = TypeFilter.parse(typeText);
        String sql = "select " + COLUMNS + " from event"
                + " where (tx_id, seq) > (cast(?1 as xid8), ?2)"
                + " and tx_id < pg_snapshot_xmin(pg_current_snapshot())"
                + (type == null ? "" : type.isPrefix() ? " and type like ?4 escape '!'" : " and type = ?4")
                + " order by tx_id, seq limit ?3";
        var query = em.createNativeQuery(sql, Tuple.class).setParameter(1, cursor.txId()).setParameter(2, cursor.seq())
                .setParameter(3, limit + 1);
        if (type != null) {
            query.setParameter(4, type.isPrefix() ? type.likePattern() : type.text());
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        boolean more = rows.size() > limit;
        List<Tuple> page = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (!page.isEmpty()) {
            Tuple last = page.get(page.size() - 1);
            next = last.get("tx_id", String.class) + "-" + SqlValues.longValue(last, "seq");
        } else if (after != null && !after.isBlank()) {
            next = after;
        }
        // Unlike other lists, the cursor is returned on the last page too: a poller keeps following it
        // for what commits later (null only while there is no event at all).
        return new Page<>(page.stream().map(EventQueries::view).toList(), next);
    }

    public EventView get(String id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select " + COLUMNS + " from event where id = ?1", Tuple.class)
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("no event with id '" + id + "'");
        }
        return view(rows.get(0));
    }

    private static EventView view(Tuple row) {
        return new EventView(row.get("id", String.class), row.get("type", String.class), SqlValues.instant(row, "created_at"),
                JsonProcessing.PROVIDER.createReader(new StringReader(row.get("data", String.class))).readValue(),
                row.get("source", String.class));
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
