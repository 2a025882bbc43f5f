package dev.hookbridge.inbox;

import jakarta.ejb.ApplicationException;

/**
 * An inbound request refused before anything was stored, with the status docs/inbound.md
 * ("Answers") gives the reason.
 */
@ApplicationException(rollback = true)
public class WebhookRejectedException extends RuntimeException {

    /** The reasons in the order the checks run; the first failing check answers. */
    public enum Reason {
        UNKNOWN_SOURCE(404, "Unknown source"),
        UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
        PAYLOAD_TOO_LARGE(413, "Payload too large"),
        INVALID_SIGNATURE(401, "Invalid signature"),
        MALFORMED(400, "Malformed webhook");

        private final int status;
        private final String title;

        Reason(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    private final Reason reason;

    public WebhookRejectedException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
