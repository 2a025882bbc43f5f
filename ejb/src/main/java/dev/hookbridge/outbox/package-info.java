/**
 * The transactional outbox: events and their deliveries written with the business change, a
 * timer-driven dispatcher that claims due deliveries (safe with many nodes), signed HTTP attempts,
 * retries with backoff, and dead-lettering.
 */
package dev.hookbridge.outbox;
