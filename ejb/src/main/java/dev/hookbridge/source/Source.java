package dev.hookbridge.source;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A named inbound provider configuration: how its webhooks are signed and with which (encrypted) secrets. */
@Entity
@Table(name = "source")
public class Source {

    @Id
    private String name;

    private String scheme;

    @Column(name = "secrets_encrypted")
    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> secretsEncrypted;

    @Column(name = "tolerance_seconds")
    private int toleranceSeconds;

    @Column(name = "ordering_key")
    private String orderingKey;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, String> options;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Source() {
    }

    public Source(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    public String getName() { return name; }
    public String getScheme() { return scheme; }
    public List<String> getSecretsEncrypted() { return secretsEncrypted; }
    public int getToleranceSeconds() { return toleranceSeconds; }
    public String getOrderingKey() { return orderingKey; }
    public Map<String, String> getOptions() { return options; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    void apply(SourceDefinition definition, List<String> encryptedSecrets, Instant now) {
        this.scheme = definition.scheme();
        this.secretsEncrypted = encryptedSecrets;
        this.toleranceSeconds = definition.toleranceSecondsOrDefault();
        this.orderingKey = definition.orderingKey();
        this.options = definition.optionsOrEmpty();
        this.updatedAt = now;
    }
}
