package dev.hookbridge.common;

import jakarta.persistence.Tuple;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads columns of native query results by name ({@code createNativeQuery(sql, Tuple.class)}, each
 * column named by its alias); their Java types depend on the JDBC driver and Hibernate version.
 */
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

    /** A timestamptz column as an Instant, or null. */
    public static Instant instant(Tuple row, String column) {
        return instant(row.get(column));
    }

    /** An integer column, or null. */
    public static Integer integer(Tuple row, String column) {
        Object value = row.get(column);
        return value == null ? null : ((Number) value).intValue();
    }

    /** A bigint column (a count, an id); not null. */
    public static long longValue(Tuple row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
