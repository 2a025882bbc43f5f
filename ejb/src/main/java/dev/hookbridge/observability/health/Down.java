package dev.hookbridge.observability.health;

import org.eclipse.microprofile.health.HealthCheckResponse;

/** A DOWN answer that says why: the root cause's type and message, never a stack trace. */
final class Down {

    private Down() {
    }

    static HealthCheckResponse because(String check, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return HealthCheckResponse.named(check).down()
                .withData("error", root.getClass().getSimpleName() + ": " + root.getMessage()).build();
    }
}
