package dev.hookbridge.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** One attempt of a delivery, as the delivery log shows it. Written by {@link OutboxStore} only. */
@Entity
@Immutable
@Table(name = "delivery_attempt")
public class DeliveryAttempt {

    @Id
    private long id;

    @Column(name = "delivery_id")
    private long deliveryId;

    @Column(name = "attempted_at")
    private Instant attemptedAt;

    /** Null when no response came. */
    @Column(name = "status_code")
    private Integer statusCode;

    @Column(name = "latency_ms")
    private int latencyMs;

    @Column(name = "response_excerpt")
    private String responseExcerpt;

    private String error;

    public long getDeliveryId() {
        return deliveryId;
    }

    public Instant getAttemptedAt() {
        return attemptedAt;
    }

    public Integer getStatusCode() {
        return statusCode;
    }

    public int getLatencyMs() {
        return latencyMs;
    }

    public String getResponseExcerpt() {
        return responseExcerpt;
    }

    public String getError() {
        return error;
    }
}
