package dev.hookbridge.endpoint;

import java.util.List;
import java.util.Map;

/** What the sender needs of an endpoint for one attempt: where, which extra headers, and the signing secrets. */
public record DeliveryTarget(String endpointId, String url, Map<String, String> headers, List<String> secrets,
                             Integer rateLimitPerSecond) {

    @Override
    public String toString() {
        return "DeliveryTarget[" + endpointId + ", " + url + "]";
    }
}
