package dev.hookbridge.catalog;

/**
 * One difference between two versions of an event type's schema, and what it does to the set of
 * payloads the schema accepts.
 *
 * @param location    where in the newer schema (a JSON pointer; the older one's where the newer lacks it)
 * @param description what changed, for a person
 * @param narrows     the newer version rejects payloads the older accepted
 * @param widens      the newer version accepts payloads the older rejected
 */
public record SchemaChange(String location, String description, boolean narrows, boolean widens) {

    static SchemaChange narrowing(String location, String description) {
        return new SchemaChange(location, description, true, false);
    }

    static SchemaChange widening(String location, String description) {
        return new SchemaChange(location, description, false, true);
    }

    /** A change whose effect is not worked out (a changed pattern, a changed oneOf): taken as both. */
    static SchemaChange unknown(String location, String description) {
        return new SchemaChange(location, description, true, true);
    }
}
