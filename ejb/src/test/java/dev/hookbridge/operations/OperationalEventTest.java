package dev.hookbridge.operations;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperationalEventTest {

    private static final Instant AT = Instant.parse("2026-12-02T17:00:00Z");

    @Test
    void anEndpointsEventNamesItsTypeTimeEndpointAndPageThenItsFieldsInOrder() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("consecutiveFailures", 3);
        fields.put("failingSince", AT.minusSeconds(5));
        fields.put("lastStatusCode", null);
        fields.put("lastError", "connection refused");

        JsonObject json = OperationalEvent.aboutEndpoint(OperationalEventType.ENDPOINT_FAILING, AT, "ep_1", fields).toJson();

        assertThat(List.copyOf(json.keySet())).containsExactly("type", "occurredAt", "endpointId", "link",
                "consecutiveFailures", "failingSince", "lastStatusCode", "lastError");
        assertThat(json.getString("type")).isEqualTo("endpoint.failing");
        assertThat(json.getString("occurredAt")).isEqualTo("2026-12-02T17:00:00Z");
        assertThat(json.getString("endpointId")).isEqualTo("ep_1");
        assertThat(json.getString("link")).isEqualTo("/dashboard/#/endpoints/ep_1");
        assertThat(json.getInt("consecutiveFailures")).isEqualTo(3);
        assertThat(json.getString("failingSince")).isEqualTo("2026-12-02T16:59:55Z");
        assertThat(json.get("lastStatusCode")).isEqualTo(JsonValue.NULL);
    }

    @Test
    void anEventOfNoEndpointLeavesTheFieldOut() {
        JsonObject json = new OperationalEvent(OperationalEventType.INBOUND_DLQ_GROWING, AT, null,
                "/dashboard/#/inbox?status=DEAD", Map.of("depth", 7L, "growing", true)).toJson();

        assertThat(json.containsKey("endpointId")).isFalse();
        assertThat(json.getJsonNumber("depth").longValue()).isEqualTo(7L);
        assertThat(json.getBoolean("growing")).isTrue();
    }

    @Test
    void aFieldWithoutAJsonFormIsRefusedByName() {
        OperationalEvent event = new OperationalEvent(OperationalEventType.OUTBOUND_BACKLOG, AT, null, "/dashboard/",
                Map.of("threshold", Duration.ofMinutes(5)));

        assertThatThrownBy(event::toJson).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
    }

    @Test
    void everyTypeHasADottedLowerCaseName() {
        for (OperationalEventType type : OperationalEventType.values()) {
            assertThat(type.wireName()).matches("[a-z]+(\\.[a-z]+)+");
        }
    }
}
