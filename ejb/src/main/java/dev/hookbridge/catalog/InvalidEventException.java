package dev.hookbridge.catalog;

import jakarta.ejb.ApplicationException;

import java.util.List;

/**
 * An event the catalog refuses: its data breaks its version's schema (each violation with its JSON
 * path), or its type or version is not in the catalog, or its customer is unknown. Nothing is stored.
 */
@ApplicationException(rollback = true)
public class InvalidEventException extends RuntimeException {

    private final transient List<JsonSchemas.Violation> violations;

    public InvalidEventException(String message, List<JsonSchemas.Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    /** An event for a customer Hookbridge does not know, which would reach nobody. */
    public static InvalidEventException unknownCustomer(String customer) {
        return new InvalidEventException("no customer with id '" + customer + "': an event for a customer Hookbridge "
                + "does not know would reach nobody", List.of());
    }

    public List<JsonSchemas.Violation> violations() {
        return violations;
    }
}
