package dev.hookbridge.catalog;

import java.util.List;

/**
 * How a new version of an event type's schema must relate to the version before it, as schema
 * registries define the modes (docs/event-types.md, "Compatibility").
 */
public enum Compatibility {

    /** Consumers of the new version can read events of the previous one: the new schema accepts all the old one did. */
    BACKWARD,
    /** Consumers of the previous version can read events of the new one: the old schema accepts all the new one does. */
    FORWARD,
    /** Both. */
    FULL,
    /** Any change. */
    NONE;

    /** Whether {@code change} is not allowed in this mode. */
    public boolean breaks(SchemaChange change) {
        return switch (this) {
            case BACKWARD -> change.narrows();
            case FORWARD -> change.widens();
            case FULL -> change.narrows() || change.widens();
            case NONE -> false;
        };
    }

    public List<SchemaChange> breaking(List<SchemaChange> changes) {
        return changes.stream().filter(this::breaks).toList();
    }
}
