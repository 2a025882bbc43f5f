package dev.hookbridge.customer;

import java.time.Instant;
import java.util.Map;

/** A customer as the API shows it, with how many endpoints it has and how many of them are failing now. */
public record CustomerView(String id, String name, Map<String, String> metadata, long endpoints, long failingEndpoints,
                           Instant createdAt, Instant updatedAt) {
}
