package dev.hookbridge.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** What a client gives to create or replace a customer (docs/customers.md). */
public record CustomerDefinition(
        @Size(max = 500, message = "must be at most 500 characters") String name,
        @Size(max = 50, message = "may hold at most 50 entries")
        Map<@NotBlank(message = "may not hold an empty key") @Size(max = 100, message = "keys are at most 100 characters") String,
            @NotNull(message = "may not hold a missing value") @Size(max = 1000, message = "values are at most 1000 characters") String> metadata) {

    /** A customer's id, the shop's own key, which is also its path segment in /api/customers/{id}. */
    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
    public static final String ID_RULE = "must be 1–100 characters of letters, digits, '.', '_', ':' and '-', starting with a letter or digit";
}
