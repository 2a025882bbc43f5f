package dev.hookbridge.outbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * How many attempts each endpoint has in flight on this node, capped, so that one slow receiver can
 * hold only its share of the dispatcher's places and the others keep being delivered.
 */
final class EndpointSlots {

    private final int perEndpoint;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    EndpointSlots(int perEndpoint) {
        if (perEndpoint < 1) {
            throw new IllegalArgumentException("hookbridge.delivery.max-in-flight-per-endpoint must be at least 1");
        }
        this.perEndpoint = perEndpoint;
    }

    /** Takes a place for an attempt to this endpoint; false when it has all it may have. */
    boolean tryAcquire(String endpointId) {
        boolean[] taken = new boolean[1];
        inFlight.compute(endpointId, (id, count) -> {
            int current = count == null ? 0 : count;
            taken[0] = current < perEndpoint;
            return taken[0] ? current + 1 : current;
        });
        return taken[0];
    }

    void release(String endpointId) {
        inFlight.computeIfPresent(endpointId, (id, count) -> count <= 1 ? null : count - 1);
    }

    /** The endpoints with no place left: not worth claiming deliveries for now. */
    Set<String> full() {
        return inFlight.entrySet().stream().filter(e -> e.getValue() >= perEndpoint).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
