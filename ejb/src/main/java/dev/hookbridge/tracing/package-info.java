/**
 * Traces: one trace per webhook, across the hops Hookbridge makes itself (docs/operations.md,
 * "Traces"). The server's opentelemetry subsystem, when it has one, traces the HTTP requests; the
 * W3C trace context is carried from there by hand, as a {@code traceparent} on the JMS messages and the outbox's events,
 * and sent to receivers as the {@code traceparent} header of each attempt.
 */
package dev.hookbridge.tracing;
