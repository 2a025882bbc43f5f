package dev.hookbridge.web.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityHeadersFilterTest {

    @Test
    void thePortalsFrameAncestorsAreTheSettingsSourceList() {
        assertThat(SecurityHeadersFilter.portalPolicy("'none'")).isEqualTo("default-src 'self'; frame-ancestors 'none'");
        assertThat(SecurityHeadersFilter.portalPolicy(" https://shop.example https://*.shop.example:8443 'self' "))
                .isEqualTo("default-src 'self'; frame-ancestors https://shop.example https://*.shop.example:8443 'self'");
    }

    @Test
    void aValueThatCouldAddAnotherDirectiveOrHeaderIsRefusedNamingTheSetting() {
        for (String value : new String[] {"https://shop.example; script-src *", "https://shop.example,https://evil.example",
                "https://shop.example\r\nX-Injected: 1", "", "  "}) {
            assertThatThrownBy(() -> SecurityHeadersFilter.portalPolicy(value)).as(value)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hookbridge.portal.frame-ancestors");
        }
    }
}
