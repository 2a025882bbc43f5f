package dev.hookbridge.stack;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.hookbridge.stack.WildFlyServer.CONFIGURATION;
import static dev.hookbridge.stack.WildFlyServer.TRACED_CONFIGURATION;
import static dev.hookbridge.stack.WildFlyServer.configurationFor;
import static org.assertj.core.api.Assertions.assertThat;

class WildFlyServerConfigurationTest {

    @Test
    void withoutASamplerTheServerRunsWithoutTraces() {
        assertThat(configurationFor(Map.of(), Map.of())).isEqualTo(CONFIGURATION);
        assertThat(configurationFor(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")))
                .isEqualTo(CONFIGURATION);
    }

    @Test
    void aSamplerInTheEnvironmentOrAsPropertyChoosesTheTracedConfiguration() {
        assertThat(configurationFor(Map.of(), Map.of("OTEL_TRACES_SAMPLER", "parentbased_always_on")))
                .isEqualTo(TRACED_CONFIGURATION);
        assertThat(configurationFor(Map.of("otel.traces.sampler", "traceidratio"), Map.of()))
                .isEqualTo(TRACED_CONFIGURATION);
    }

    @Test
    void alwaysOffOrBlankMeansNoTraces() {
        assertThat(configurationFor(Map.of(), Map.of("OTEL_TRACES_SAMPLER", "always_off"))).isEqualTo(CONFIGURATION);
        assertThat(configurationFor(Map.of(), Map.of("OTEL_TRACES_SAMPLER", " "))).isEqualTo(CONFIGURATION);
    }

    @Test
    void thePropertyGivenToTheServerWinsOverTheEnvironment() {
        assertThat(configurationFor(Map.of("otel.traces.sampler", "always_off"),
                Map.of("OTEL_TRACES_SAMPLER", "parentbased_always_on"))).isEqualTo(CONFIGURATION);
    }
}
