/**
 * The transactional outbox: events and their deliveries written with the business change, a
 * timer-driven dispatcher that claims due deliveries (safe with many nodes), signed HTTP attempts,
 * retries with backoff, and dead-lettering. The outbox tables are written only through
 * {@link dev.hookbridge.outbox.OutboxStore}, which also holds the few reads only SQL can say; every
 * other read goes through the read-only entities {@link dev.hookbridge.outbox.OutboxEvent},
 * {@link dev.hookbridge.outbox.Delivery} and {@link dev.hookbridge.outbox.DeliveryAttempt}.
 */
package dev.hookbridge.outbox;
