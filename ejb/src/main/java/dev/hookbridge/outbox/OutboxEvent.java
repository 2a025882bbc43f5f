package dev.hookbridge.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/**
 * An event of the outbox, as the API and the dashboard read it. Read-only here: events are written
 * by {@link OutboxStore}, in the publisher's transaction, and never changed.
 */
@Entity
@Immutable
@Table(name = "event")
public class OutboxEvent {

    @Id
    private String id;

    private String type;

    /** The event's JSON data, as published. */
    private String data;

    /** The inbound source the event was routed from; null for a published event. */
    private String source;

    @Column(name = "created_at")
    private Instant createdAt;

    /** The catalogued version the data was checked against; null for a type not in the catalog. */
    @Column(name = "schema_version")
    private Integer schemaVersion;

    /** The customer it was published for; null for the shop's own events. */
    @Column(name = "customer_id")
    private String customerId;

    public String getCustomerId() {
        return customerId;
    }

    public Integer getSchemaVersion() {
        return schemaVersion;
    }

    public String getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public String getData() {
        return data;
    }

    public String getSource() {
        return source;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
