package dev.hookbridge.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/** A customer of the shop, by the shop's own id: owner of endpoints and addressee of events. */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    private String id;

    private String name;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, String> metadata;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Customer() {
    }

    Customer(String id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public Map<String, String> getMetadata() { return metadata == null ? Map.of() : metadata; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    void apply(CustomerDefinition definition, Instant now) {
        this.name = definition.name();
        this.metadata = definition.metadata() == null ? Map.of() : Map.copyOf(definition.metadata());
        this.updatedAt = now;
    }
}
