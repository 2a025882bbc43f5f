package dev.hookbridge.common;

import jakarta.json.bind.annotation.JsonbNillable;

import java.util.List;

/**
 * One page of a keyset-paged list and the cursor of the next page (null on the last page).
 * Nillable: CONTRACT §4 lists answer {@code "next": null} on the last page; JSON-B would leave the key out.
 */
@JsonbNillable
public record Page<T>(List<T> items, String next) {
}
