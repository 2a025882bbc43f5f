package dev.hookbridge.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A catalogued event type: what it is, how its schema may evolve, and its latest version. */
@Entity
@Table(name = "event_type")
public class EventType {

    @Id
    private String name;

    private String description;

    @Column(name = "group_name")
    private String group;

    private boolean deprecated;

    @Enumerated(EnumType.STRING)
    private Compatibility compatibility;

    @Column(name = "latest_version")
    private int latestVersion;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected EventType() {
    }

    EventType(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
        this.compatibility = Compatibility.BACKWARD;
    }

    public String getName() { return name; }
    public String getDescription() { return description; }
    public String getGroup() { return group; }
    public boolean isDeprecated() { return deprecated; }
    public Compatibility getCompatibility() { return compatibility; }
    public int getLatestVersion() { return latestVersion; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    void describe(EventTypeDefinition definition, Instant now) {
        this.description = definition.description();
        this.group = definition.group();
        this.deprecated = definition.deprecated();
        if (definition.compatibility() != null) {
            this.compatibility = definition.compatibility();
        }
        this.updatedAt = now;
    }

    void versionAdded(int version) {
        this.latestVersion = version;
    }
}
