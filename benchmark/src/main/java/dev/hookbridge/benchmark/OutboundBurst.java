package dev.hookbridge.benchmark;

/**
 * Deliveries made due at once: deliveries/s (first arrival until the database shows all DELIVERED),
 * arrivals/s at the receiver (first to last arrival), and PostgreSQL transactions per delivery.
 */
record OutboundBurst(double deliveriesPerSecond, double arrivalsPerSecond, double databaseCommitsPerDelivery) {
}
