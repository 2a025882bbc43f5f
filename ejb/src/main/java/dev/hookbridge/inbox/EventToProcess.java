package dev.hookbridge.inbox;

import java.time.Instant;

/**
 * What processing reads of an inbox row: everything but the stored headers, which only the API shows.
 * Read as a projection rather than the entity, so a processed group costs no header parsing, no
 * entity snapshot and no dirty check.
 */
public record EventToProcess(long id, String source, String eventId, String eventType, InboxStatus status,
                             byte[] body, String contentType, Instant receivedAt) {

    /** The JPQL select list of this record, for {@code select new ... from InboxEvent e}. */
    static final String SELECT = "select new dev.hookbridge.inbox.EventToProcess(e.id, e.source, e.eventId, e.eventType,"
            + " e.status, e.body, e.contentType, e.receivedAt) from InboxEvent e";
}
