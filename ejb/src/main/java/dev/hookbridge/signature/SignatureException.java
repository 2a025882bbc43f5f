package dev.hookbridge.signature;

/**
 * A request whose signature or timestamp does not verify; the message is a short reason that never
 * contains a secret or a received signature.
 */
public class SignatureException extends Exception {

    private static final long serialVersionUID = 1L;

    public SignatureException(String message) {
        super(message);
    }
}
