package dev.hookbridge.operations;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dashboard link of an operational event: a path on the gateway, or absolute under the configured base URL. */
class OperationalEventLinkTest {

    @Test
    void theBaseUrlGoesBeforeThePathWithoutADoubleSlash() {
        OperationalEvent event = OperationalEvent.withoutEndpoint(OperationalEventType.INBOUND_DEAD, "/dashboard/#/inbox/7", Map.of());
        assertThat(event.withLinkBase(DashboardLinks.baseUrl("https://hookbridge.example.com/")).toJson().getString("link"))
                .isEqualTo("https://hookbridge.example.com/dashboard/#/inbox/7");
        assertThat(event.withLinkBase(DashboardLinks.baseUrl(" http://gw.internal:8080/hb ")).link())
                .isEqualTo("http://gw.internal:8080/hb/dashboard/#/inbox/7");
        assertThat(event.link()).isEqualTo("/dashboard/#/inbox/7");
    }

    @Test
    void aBaseUrlThatIsNoAbsoluteHttpUrlIsRefusedNamingTheSetting() {
        for (String broken : new String[] {"hookbridge.example.com", "/dashboard", "ftp://example.com", "https://example.com/?a=1",
                "https://example.com/#x", "http://exa mple.com"}) {
            assertThatThrownBy(() -> DashboardLinks.baseUrl(broken)).as(broken)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("hookbridge.dashboard.base-url must be an absolute http or https URL");
        }
    }
}
