package dev.hookbridge.web.problem;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem details body: every 4xx and 5xx of /api and /webhooks is one.
 *
 * @param field the offending input field of a 400, else null (left out of the JSON)
 */
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }

    public static Problem invalidInput(String field, String detail) {
        return new Problem("about:blank", "Invalid input", 400, detail, field);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
