/**
 * What ops watch: the application's meters (served as Prometheus text at {@code :9990/metrics} by the
 * micrometer subsystem; names and labels live in {@link dev.hookbridge.observability.GatewayMetrics}
 * and {@link dev.hookbridge.observability.BacklogGauges} only) and, in {@code health}, the readiness
 * checks of the database and the broker (served at {@code :9990/health/ready}).
 */
package dev.hookbridge.observability;
