/**
 * Retention: old, finished rows (processed inbox events, delivered deliveries with their attempts,
 * events nobody still waits on) are purged in small batches, so the tables stay the size of the
 * retention window. DEAD and PENDING rows are never purged.
 */
package dev.hookbridge.retention;
