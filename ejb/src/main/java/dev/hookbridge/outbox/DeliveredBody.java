package dev.hookbridge.outbox;

import dev.hookbridge.json.JsonProcessing;
import jakarta.json.JsonObjectBuilder;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The body of an outbound webhook: {"id","type","version","timestamp","data"} ("version" only for a
 * catalogued type). The same bytes go out on every attempt, and the delivery log shows them.
 */
final class DeliveredBody {

    private DeliveredBody() {
    }

    static byte[] of(String eventId, String eventType, Integer version, Instant eventTime, String data) {
        JsonObjectBuilder body = JsonProcessing.PROVIDER.createObjectBuilder()
                .add("id", eventId)
                .add("type", eventType);
        if (version != null) {
            body.add("version", version);
        }
        return body
                .add("timestamp", eventTime.toString())
                .add("data", JsonProcessing.PROVIDER.createReader(new StringReader(data)).readValue())
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }
}
