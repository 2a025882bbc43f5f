package dev.hookbridge.catalog;

import jakarta.ejb.ApplicationException;

/** A published version's schema was given changed: versions are immutable, a change is a new version. */
@ApplicationException(rollback = true)
public class PublishedVersionException extends RuntimeException {

    public PublishedVersionException(String message) {
        super(message);
    }
}
