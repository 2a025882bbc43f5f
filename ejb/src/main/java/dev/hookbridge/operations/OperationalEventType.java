package dev.hookbridge.operations;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The operational events Hookbridge raises, by the name their messages carry in {@code type}. */
public enum OperationalEventType {
    /** An endpoint's attempts failed the configured number of times in a row. */
    ENDPOINT_FAILING("endpoint.failing"),
    /** An endpoint that was failing delivered again. */
    ENDPOINT_RECOVERED("endpoint.recovered"),
    /** Hookbridge disabled an endpoint: it answered 410 Gone, or failed for longer than allowed. */
    ENDPOINT_DISABLED("endpoint.disabled"),
    /** A delivery spent its retries (or its receiver answered 410) and is DEAD. */
    DELIVERY_DEAD("delivery.dead"),
    /** An inbound event failed its last processing and is DEAD; its message waits in the inbound DLQ. */
    INBOUND_DEAD("inbound.dead"),
    /** {@code DLQ.webhooks.inbound} holds more messages than its threshold. */
    INBOUND_DLQ_GROWING("inbound.dlq.growing"),
    /** The most overdue pending delivery has waited longer than its threshold. */
    OUTBOUND_BACKLOG("outbound.backlog");

    private final String wireName;

    OperationalEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<OperationalEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    /** Every type's name, comma-separated, for error messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(OperationalEventType::wireName).collect(Collectors.joining(", "));
    }
}
