package dev.hookbridge.inbox;

/** What the intake answers a verified request with: the stored event, or a provider handshake. */
public sealed interface IntakeOutcome {

    /** Stored (or found stored before, when {@code duplicate}), and queued for processing. */
    record Accepted(long inboxId, String eventId, boolean duplicate) implements IntakeOutcome {
    }

    /** A handshake such as Slack's url_verification: answer the challenge, store nothing. */
    record Handshake(String challenge) implements IntakeOutcome {
    }
}
