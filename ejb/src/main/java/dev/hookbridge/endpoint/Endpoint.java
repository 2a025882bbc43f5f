package dev.hookbridge.endpoint;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A receiver of outbound webhooks: its URL, which events it wants, and the (encrypted) secrets it is signed with. */
@Entity
@Table(name = "endpoint")
public class Endpoint {

    @Id
    private String id;
    private String url;
    @Column(name = "event_types")
    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> eventTypes;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> sources;
    private String description;
    private boolean operator;
    private boolean enabled;
    @Column(name = "disabled_reason")
    private String disabledReason;
    @Column(name = "secret_encrypted")
    private String secretEncrypted;
    @Column(name = "previous_secret_encrypted")
    private String previousSecretEncrypted;
    @Column(name = "previous_secret_expires_at")
    private Instant previousSecretExpiresAt;
    @Column(name = "rate_limit_per_second")
    private Integer rateLimitPerSecond;
    /** The customer that owns the endpoint: it receives only events published for that customer. Null: the shop's own. */
    @Column(name = "customer_id")
    private String customerId;
    /** Catalogued event types pinned to a version: their events reach this endpoint as that version. */
    @Column(name = "event_versions")
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Integer> eventVersions;
    /** Header name to encrypted value: values often hold the receiver's credentials. */
    @Column(name = "headers_encrypted")
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, String> headersEncrypted;
    @Column(name = "failing_since")
    private Instant failingSince;
    // Health, written only by the outcome of each attempt (DeliveryOutcomes): never by this entity,
    // so an update through the API cannot put back a value read before an attempt changed it.
    @Column(name = "last_success_at", insertable = false, updatable = false)
    private Instant lastSuccessAt;
    @Column(name = "last_failure_at", insertable = false, updatable = false)
    private Instant lastFailureAt;
    @Column(name = "consecutive_failures", insertable = false, updatable = false)
    private int consecutiveFailures;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Endpoint() {
    }

    Endpoint(String id, String secretEncrypted, Instant now) {
        this.id = id;
        this.secretEncrypted = secretEncrypted;
        this.createdAt = now;
    }

    public String getId() { return id; }
    public String getUrl() { return url; }
    public List<String> getEventTypes() { return eventTypes; }
    public List<String> getSources() { return sources; }
    public String getDescription() { return description; }
    public boolean isOperator() { return operator; }
    public boolean isEnabled() { return enabled; }
    public String getDisabledReason() { return disabledReason; }
    public String getSecretEncrypted() { return secretEncrypted; }
    public String getPreviousSecretEncrypted() { return previousSecretEncrypted; }
    public Instant getPreviousSecretExpiresAt() { return previousSecretExpiresAt; }
    public Integer getRateLimitPerSecond() { return rateLimitPerSecond; }
    public Map<String, String> getHeadersEncrypted() { return headersEncrypted; }
    public String getCustomerId() { return customerId; }
    public Map<String, Integer> getEventVersions() { return eventVersions == null ? Map.of() : eventVersions; }
    public Instant getFailingSince() { return failingSince; }
    public Instant getLastSuccessAt() { return lastSuccessAt; }
    public Instant getLastFailureAt() { return lastFailureAt; }
    public int getConsecutiveFailures() { return consecutiveFailures; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    void apply(EndpointDefinition definition, Instant now) {
        this.url = definition.url().trim();
        this.eventTypes = List.copyOf(definition.eventTypes());
        this.sources = definition.sources() == null ? List.of() : List.copyOf(definition.sources());
        this.description = definition.description();
        this.operator = definition.operatorOrDefault();
        boolean enable = definition.enabledOrDefault();
        // Disabled through the API: say so; an endpoint that stays disabled keeps the reason it had (e.g. 410 Gone).
        setEnabled(enable, enable ? null : enabled || disabledReason == null ? "disabled through the API at " + now : disabledReason);
        this.rateLimitPerSecond = definition.rateLimitPerSecond();
        this.customerId = definition.customer();
        this.eventVersions = definition.eventVersions() == null || definition.eventVersions().isEmpty()
                ? null : Map.copyOf(definition.eventVersions());
        this.updatedAt = now;
    }

    void setHeadersEncrypted(Map<String, String> headersEncrypted) {
        this.headersEncrypted = Map.copyOf(headersEncrypted);
    }

    void setEnabled(boolean enabled, String reason) {
        this.enabled = enabled;
        this.disabledReason = enabled ? null : reason;
        if (enabled) {
            this.failingSince = null;
        }
    }

    void rotate(String newSecretEncrypted, Instant previousExpiresAt, Instant now) {
        this.previousSecretEncrypted = this.secretEncrypted;
        this.previousSecretExpiresAt = previousExpiresAt;
        this.secretEncrypted = newSecretEncrypted;
        this.updatedAt = now;
    }

    void replaceSecret(String newSecretEncrypted, Instant now) {
        this.secretEncrypted = newSecretEncrypted;
        this.previousSecretEncrypted = null;
        this.previousSecretExpiresAt = null;
        this.updatedAt = now;
    }

    /**
     * Whether an event of the shop's, of this type (and inbound source, or null for published events),
     * is for this endpoint; an operator endpoint and a customer's endpoint want none.
     */
    public boolean wants(String type, String source) {
        boolean sourceMatches = source == null ? sources.isEmpty() : sources.contains(source);
        return !operator && customerId == null && sourceMatches && matchesType(type);
    }

    /** Whether an event of this type published for {@code customer} is for this endpoint: only one of that customer's. */
    public boolean wantsFor(String type, String customer) {
        return customer.equals(customerId) && matchesType(type);
    }

    /** Whether an operational event of this type is for this endpoint: only an operator endpoint wants one. */
    public boolean wantsOperational(String type) {
        return operator && matchesType(type);
    }

    /** The version of {@code type} this endpoint pinned, or null when it takes the version published. */
    public Integer pinnedVersion(String type) {
        return getEventVersions().get(type);
    }

    private boolean matchesType(String type) {
        return matchesAny(eventTypes, type);
    }

    static boolean matchesAny(List<String> patterns, String type) {
        return patterns.stream().anyMatch(pattern -> pattern.endsWith("*")
                ? type.startsWith(pattern.substring(0, pattern.length() - 1))
                : type.equals(pattern));
    }
}
