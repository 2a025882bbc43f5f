package dev.hookbridge.common;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads values of native query results, whose Java types depend on the JDBC driver and Hibernate version. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A timestamptz column as an Instant (Hibernate 7 gives Instant; older stacks give Timestamp). */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalArgumentException("not a point in time: " + value.getClass().getName());
    }
}
