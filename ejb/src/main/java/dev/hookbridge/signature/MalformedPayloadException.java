package dev.hookbridge.signature;

/**
 * A body that cannot be parsed, or that lacks what the scheme needs (such as an event id); the
 * message names what is wrong or missing.
 */
public class MalformedPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String message) {
        super(message);
    }
}
