package dev.hookbridge.endpoint;

import java.util.List;
import java.util.Map;

/**
 * What the sender needs of an endpoint for one attempt: where, which extra headers, the signing
 * secrets, and whose endpoint it is (the customer, null for the shop's own: the SSRF guard it passes).
 */
public record DeliveryTarget(String endpointId, String url, Map<String, String> headers, List<String> secrets,
                             Integer rateLimitPerSecond, String customer) {

    @Override
    public String toString() {
        return "DeliveryTarget[" + endpointId + ", " + url + "]";
    }
}
