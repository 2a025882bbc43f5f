package dev.hookbridge.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;

/** One published version of an event type: its schema never changes; its example may. */
@Entity
@Table(name = "event_type_version")
@IdClass(EventTypeVersion.Key.class)
public class EventTypeVersion {

    public record Key(String typeName, int version) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "type_name")
    private String typeName;

    @Id
    private int version;

    @JdbcTypeCode(SqlTypes.JSON)
    private String schema;

    @JdbcTypeCode(SqlTypes.JSON)
    private String example;

    @Column(name = "created_at")
    private Instant createdAt;

    protected EventTypeVersion() {
    }

    EventTypeVersion(String typeName, int version, String schema, String example, Instant createdAt) {
        this.typeName = typeName;
        this.version = version;
        this.schema = schema;
        this.example = example;
        this.createdAt = createdAt;
    }

    public String getTypeName() { return typeName; }
    public int getVersion() { return version; }
    public String getSchema() { return schema; }
    public String getExample() { return example; }
    public Instant getCreatedAt() { return createdAt; }

    void example(String example) {
        this.example = example;
    }
}
