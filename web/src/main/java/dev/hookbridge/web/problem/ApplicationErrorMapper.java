package dev.hookbridge.web.problem;

import dev.hookbridge.common.InvalidInputException;
import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.inbox.WebhookRejectedException;
import dev.hookbridge.outbox.IdempotencyConflictException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns the application's typed refusals into their problem details: 400 with the field, 404, 422,
 * and the codes of docs/inbound.md, "Answers".
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
        if (e instanceof WebhookRejectedException rejected) {
            return Problem.of(rejected.reason().status(), rejected.reason().title(), rejected.getMessage()).toResponse().build();
        }
        return unexpected.toResponse(e);
    }
}
