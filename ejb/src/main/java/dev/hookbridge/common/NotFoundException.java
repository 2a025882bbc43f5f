package dev.hookbridge.common;

import jakarta.ejb.ApplicationException;

/** A named resource (source, inbox event) that does not exist; the API answers 404. */
@ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
