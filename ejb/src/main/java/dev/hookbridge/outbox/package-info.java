/**
 * The transactional outbox: events and their deliveries written with the business change, a
 * timer-driven dispatcher that claims due deliveries (safe with many nodes), signed HTTP attempts,
 * retries with backoff, and dead-lettering. The outbox tables are written only through
 * {@link dev.hookbridge.outbox.OutboxStore}; the API's queries read their rows by column name.
 */
package dev.hookbridge.outbox;
