package dev.hookbridge.web.problem;

import dev.hookbridge.json.JsonProcessing;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem details body: every 4xx and 5xx of /api and /webhooks is one.
 *
 * @param field  the offending input field of a 400, else null (left out of the JSON)
 * @param errors each thing wrong, when there are several (an event's schema violations, a schema's
 *               breaking changes), else null (left out)
 */
public record Problem(String type, String title, int status, String detail, String field, List<Map<String, String>> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }

    public static Problem invalidInput(String field, String detail) {
        return new Problem("about:blank", "Invalid input", 400, detail, field, null);
    }

    public Problem withErrors(List<Map<String, String>> errors) {
        return new Problem(type, title, status, detail, field, List.copyOf(errors));
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }

    /** Answers with this problem where no JAX-RS runs (servlets and filters), in UTF-8 like every other answer. */
    public void writeTo(HttpServletResponse response) throws IOException {
        JsonObjectBuilder json = JsonProcessing.PROVIDER.createObjectBuilder()
                .add("type", type).add("title", title).add("status", status).add("detail", detail);
        if (field != null) {
            json.add("field", field);
        }
        response.setStatus(status);
        // Servlet writers default to ISO-8859-1.
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MEDIA_TYPE);
        response.getWriter().write(json.build().toString());
    }
}
