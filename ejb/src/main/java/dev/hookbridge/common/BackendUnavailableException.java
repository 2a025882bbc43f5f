package dev.hookbridge.common;

/** Refused without trying: a backend the request needs is known to be down (answered 503 + Retry-After). */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message) {
        super(message);
    }
}
