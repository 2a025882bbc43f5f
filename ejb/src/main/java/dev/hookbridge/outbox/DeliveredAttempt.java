package dev.hookbridge.outbox;

/** A claimed delivery whose attempt got a 2xx, waiting for its outcome to be recorded. */
public record DeliveredAttempt(ClaimedDelivery delivery, AttemptResult result) {
}
