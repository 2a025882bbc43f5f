package dev.hookbridge.it.support;

import dev.hookbridge.testsupport.PrometheusText;

/**
 * The test WildFly's management interface as ops and their tools see it: health answers and the
 * Prometheus text at {@code /metrics}, read anonymously (docs/operations.md, "Health" and "Metrics").
 */
public final class Management {

    private Management() {
    }

    public static String baseUrl() {
        return "http://localhost:" + TestStack.get().ports().management();
    }

    public static Reply get(String path) {
        return Http.anonymous().at(baseUrl()).get(path);
    }

    /** One scrape of {@code /metrics}. */
    public static PrometheusText scrape() {
        Reply reply = get("/metrics");
        if (reply.status() != 200) {
            throw new AssertionError("/metrics answered " + reply);
        }
        return PrometheusText.parse(reply.body());
    }
}
