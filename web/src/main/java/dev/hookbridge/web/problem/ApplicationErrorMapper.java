package dev.hookbridge.web.problem;

import dev.hookbridge.catalog.IncompatibleSchemaException;
import dev.hookbridge.catalog.InvalidEventException;
import dev.hookbridge.catalog.PublishedVersionException;
import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.inbox.WebhookRejectedException;
import dev.hookbridge.outbox.IdempotencyConflictException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the application's typed refusals into their problem details: 400 with the field, 404, 409
 * and 422 (with {@code errors} when several things are wrong), and the codes of docs/inbound.md, "Answers".
 */
@Provider
public class ApplicationErrorMapper implements ExceptionMapper<RuntimeException> {

    private final UnexpectedErrorMapper unexpected = new UnexpectedErrorMapper();

    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof InvalidInputException invalid) {
            return Problem.invalidInput(invalid.field(), invalid.getMessage()).toResponse().build();
        }
        if (e instanceof NotFoundException) {
            return Problem.of(404, "Not found", e.getMessage()).toResponse().build();
        }
        if (e instanceof IdempotencyConflictException) {
            return Problem.of(422, "Idempotency key reused", e.getMessage()).toResponse().build();
        }
        if (e instanceof InvalidEventException invalid) {
            return Problem.of(422, "Invalid event", invalid.getMessage())
                    .withErrors(invalid.violations().stream().map(v -> orderedMap("path", v.path(), "message", v.message())).toList())
                    .toResponse().build();
        }
        if (e instanceof IncompatibleSchemaException incompatible) {
            return Problem.of(409, "Incompatible schema", incompatible.getMessage())
                    .withErrors(incompatible.breaking().stream().map(c -> orderedMap("location", c.location(), "change", c.description())).toList())
                    .toResponse().build();
        }
        if (e instanceof PublishedVersionException) {
            return Problem.of(409, "Published version", e.getMessage()).toResponse().build();
        }
        if (e instanceof WebhookRejectedException rejected) {
            return Problem.of(rejected.reason().status(), rejected.reason().title(), rejected.getMessage()).toResponse().build();
        }
        return unexpected.toResponse(e);
    }

    private static Map<String, String> orderedMap(String key1, String value1, String key2, String value2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(key1, value1);
        map.put(key2, value2);
        return map;
    }
}
