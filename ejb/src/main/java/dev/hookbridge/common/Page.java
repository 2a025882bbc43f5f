package dev.hookbridge.common;

import jakarta.json.bind.annotation.JsonbNillable;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged list and the cursor of the next page (null on the last page).
 * Nillable: lists answer {@code "next": null} on the last page (docs/api.md, "Lists and paging");
 * JSON-B would leave the key out.
 */
@JsonbNillable
public record Page<T>(List<T> items, String next) {

    /**
     * A page from up to {@code limit + 1} rows read in cursor order: the extra row only tells that
     * there is more, and the cursor is that of the last row shown.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, String> cursor, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        return new Page<>(shown.stream().map(view).toList(), more ? cursor.apply(shown.get(shown.size() - 1)) : null);
    }
}
