package dev.hookbridge.outbox;

import dev.hookbridge.common.ControlCharacters;
import dev.hookbridge.common.InvalidInputException;

import java.util.Map;

/**
 * An event to publish: its type, its data (JSON text), and optionally the caller's id and
 * idempotency key, which make a repeated request return the first event instead of a second one,
 * the version of a catalogued type the data follows (null: the latest), and payloads of other versions
 * of that type (JSON text by version) for endpoints pinned to them, and the customer it is for (null:
 * the shop's own endpoints).
 */
public record PublishRequest(String type, String data, String id, String idempotencyKey, Integer version,
                             Map<Integer, String> otherVersions, String customer) {

    static final int MAX_TYPE_LENGTH = 500;
    static final int MAX_ID_LENGTH = 255;
    private static final String CUSTOMER_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";

    public PublishRequest {
        otherVersions = otherVersions == null ? Map.of() : Map.copyOf(otherVersions);
    }

    public static PublishRequest of(String type, String data) {
        return new PublishRequest(type, data, null, null, null, null, null);
    }

    /** The same request for a version of a catalogued type. */
    public PublishRequest withVersion(Integer version) {
        return new PublishRequest(type, data, id, idempotencyKey, version, otherVersions, customer);
    }

    /** The same request with payloads of other versions, for endpoints pinned to them. */
    public PublishRequest withOtherVersions(Map<Integer, String> otherVersions) {
        return new PublishRequest(type, data, id, idempotencyKey, version, otherVersions, customer);
    }

    /** The same request for a customer: it reaches only that customer's endpoints. */
    public PublishRequest forCustomer(String customer) {
        return new PublishRequest(type, data, id, idempotencyKey, version, otherVersions, customer);
    }

    /** The rules every request must meet, whatever the catalog says; a broken one is a 400 naming its field. */
    public void validate() {
        if (type == null || type.isBlank() || type.length() > MAX_TYPE_LENGTH) {
            throw new InvalidInputException("type", "type is required (at most " + MAX_TYPE_LENGTH + " characters)");
        }
        if (data == null || !EventPublisher.isJson(data)) {
            throw new InvalidInputException("data", "data is required and must be JSON");
        }
        if (id != null && (id.isBlank() || id.length() > MAX_ID_LENGTH)) {
            throw new InvalidInputException("id", "id must be 1–" + MAX_ID_LENGTH + " characters");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_ID_LENGTH)) {
            throw new InvalidInputException("Idempotency-Key", "Idempotency-Key must be 1–" + MAX_ID_LENGTH + " characters");
        }
        if (version != null && version < 1) {
            throw new InvalidInputException("version", "version must be a whole number from 1");
        }
        otherVersions.forEach((other, otherData) -> {
            if (other == null || other < 1 || otherData == null || !EventPublisher.isJson(otherData)) {
                throw new InvalidInputException("otherVersions", "otherVersions holds JSON payloads by version number from 1");
            }
        });
        if (customer != null && !customer.matches(CUSTOMER_PATTERN)) {
            throw new InvalidInputException("customer", "customer must be a customer's id: 1–100 characters of letters, digits, '.', '_', ':' and '-'");
        }
        ControlCharacters.refuseIn("type", type);
        ControlCharacters.refuseIn("id", id);
        ControlCharacters.refuseIn("Idempotency-Key", idempotencyKey);
        if (id != null && id.startsWith(EventPublisher.ROUTED_ID_PREFIX)) {
            // Taken, a future inbox id's routed event would find its id in use and be lost.
            throw new InvalidInputException("id", "ids starting with '" + EventPublisher.ROUTED_ID_PREFIX
                    + "' are reserved for events routed from inbound webhooks");
        }
    }
}
