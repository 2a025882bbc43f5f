package dev.hookbridge.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/**
 * One event's delivery to one endpoint, as the API, the dashboard and the gauges read it. Read-only
 * here: deliveries are created, claimed and updated by {@link OutboxStore} (batched JDBC, the
 * dispatcher's claim), never through the persistence context.
 */
@Entity
@Immutable
@Table(name = "delivery")
public class Delivery {

    @Id
    private long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "event_id")
    private OutboxEvent event;

    @Column(name = "endpoint_id")
    private String endpointId;

    @Enumerated(EnumType.STRING)
    private DeliveryStatus status;

    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_status_code")
    private Integer lastStatusCode;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    /** The version it delivers when an endpoint pinned another one than the event's; else null. */
    @Column(name = "schema_version")
    private Integer schemaVersion;

    /** The version of a catalogued type this delivery carries: its own, else the event's; null for other types. */
    public Integer getDeliveredVersion() {
        return schemaVersion != null ? schemaVersion : event.getSchemaVersion();
    }

    /** The version it delivers when its endpoint pinned another one than the event's; else null. */
    public Integer getSchemaVersion() {
        return schemaVersion;
    }

    public long getId() {
        return id;
    }

    public OutboxEvent getEvent() {
        return event;
    }

    public String getEndpointId() {
        return endpointId;
    }

    public DeliveryStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Integer getLastStatusCode() {
        return lastStatusCode;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }
}
