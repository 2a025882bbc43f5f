package dev.hookbridge.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The links of operational events to dashboard pages: absolute under {@code hookbridge.dashboard.base-url}
 * (where operators reach the gateway) when it is set, else paths on the gateway. The setting is read
 * when the application starts, so a broken value stops the deployment with its name instead of
 * failing the transactions that raise events.
 */
@ApplicationScoped
public class DashboardLinks {

    static final String BASE_URL = "hookbridge.dashboard.base-url";

    @Inject
    @ConfigProperty(name = BASE_URL)
    Optional<String> configuredBaseUrl;

    private String baseUrl;

    void readAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        baseUrl = configuredBaseUrl.map(DashboardLinks::baseUrl).orElse("");
    }

    /** The event with its link absolute when a base URL is set, as it is otherwise. */
    public OperationalEvent applyTo(OperationalEvent event) {
        return baseUrl.isEmpty() ? event : event.withLinkBase(baseUrl);
    }

    /** The base URL without a trailing slash; anything but an absolute http(s) URL is refused, naming the setting. */
    static String baseUrl(String configured) {
        String trimmed = configured.trim();
        try {
            URI uri = new URI(trimmed);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
            }
        } catch (URISyntaxException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException(BASE_URL + " must be an absolute http or https URL without query or fragment"
                + " (e.g. https://hookbridge.example.com), not '" + configured + "'");
    }
}
