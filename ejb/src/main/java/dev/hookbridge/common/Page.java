package dev.hookbridge.common;

import java.util.List;

/** One page of a keyset-paged list and the cursor of the next page (null on the last page). */
public record Page<T>(List<T> items, String next) {
}
