package dev.hookbridge.web.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SameOriginFilterTest {

    @Test
    void theSameHostAndPortIsTheSameOrigin() {
        assertThat(SameOriginFilter.sameOrigin("http://localhost:8080", "localhost:8080")).isTrue();
        assertThat(SameOriginFilter.sameOrigin("https://hooks.example.com", "hooks.example.com")).isTrue();
        assertThat(SameOriginFilter.sameOrigin("http://HOOKS.example.com", "hooks.example.com:80")).isTrue();
    }

    @Test
    void anotherHostPortOrAnOpaqueOriginIsNot() {
        assertThat(SameOriginFilter.sameOrigin("http://evil.example", "localhost:8080")).isFalse();
        assertThat(SameOriginFilter.sameOrigin("http://localhost:9999", "localhost:8080")).isFalse();
        assertThat(SameOriginFilter.sameOrigin("https://hooks.example.com", "hooks.example.com:80")).isFalse();
        assertThat(SameOriginFilter.sameOrigin("null", "localhost:8080")).isFalse();
        assertThat(SameOriginFilter.sameOrigin("not a url", "localhost:8080")).isFalse();
        assertThat(SameOriginFilter.sameOrigin("http://localhost:8080", null)).isFalse();
    }
}
