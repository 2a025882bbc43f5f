package dev.hookbridge.outbox;

import jakarta.ejb.ApplicationException;

/** The same Idempotency-Key came with a different request: refused (422), the first event stands. */
@ApplicationException(rollback = true)
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException(String message) {
        super(message);
    }
}
