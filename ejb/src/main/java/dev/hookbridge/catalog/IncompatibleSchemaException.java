package dev.hookbridge.catalog;

import jakarta.ejb.ApplicationException;

import java.util.List;

/** A new version breaks its type's compatibility mode: each breaking change is named and located. */
@ApplicationException(rollback = true)
public class IncompatibleSchemaException extends RuntimeException {

    private final transient List<SchemaChange> breaking;

    public IncompatibleSchemaException(String message, List<SchemaChange> breaking) {
        super(message);
        this.breaking = List.copyOf(breaking);
    }

    public List<SchemaChange> breaking() {
        return breaking;
    }
}
