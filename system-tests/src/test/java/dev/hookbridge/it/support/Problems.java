package dev.hookbridge.it.support;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that an error answer is RFC 9457 problem details with the expected status (docs/api.md,
 * "Problem details": every 4xx/5xx).
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** Asserts status, media type and the four members; answers the problem for further checks. */
    public static JsonObject assertProblem(Reply reply, int status) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.contentType()).as("content type of %s", reply).startsWith(MEDIA_TYPE);
        assertThat(reply.contentType().toLowerCase(Locale.ROOT).replace(" ", ""))
                .as("charset of %s: problem details are UTF-8 everywhere", reply)
                .satisfiesAnyOf(type -> assertThat(type).doesNotContain("charset="), type -> assertThat(type).contains("charset=utf-8"));
        JsonObject problem = reply.json();
        assertThat(problem.get("type")).as("type in %s", reply).isNotNull()
                .extracting(JsonValue::getValueType).isEqualTo(JsonValue.ValueType.STRING);
        assertThat(problem.getString("type")).as("type in %s", reply).isNotBlank();
        assertThat(problem.getString("title", "")).as("title in %s", reply).isNotBlank();
        assertThat(problem.getString("detail", "")).as("detail in %s", reply).isNotBlank();
        assertThat(problem.containsKey("status") && problem.get("status").getValueType() == JsonValue.ValueType.NUMBER)
                .as("numeric status in %s", reply).isTrue();
        assertThat(problem.getInt("status")).as("status member of %s", reply).isEqualTo(status);
        return problem;
    }

    /** A 400 problem that names the offending field. */
    public static JsonObject assertInvalidField(Reply reply, String field) {
        JsonObject problem = assertProblem(reply, 400);
        assertThat(problem.getString("field", null)).as("field in %s", reply).isEqualTo(field);
        return problem;
    }
}
