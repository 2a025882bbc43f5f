package dev.hookbridge.inbox;

import dev.hookbridge.json.HeadersConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One accepted inbound webhook: the raw body and headers exactly as received, and how far its
 * processing got. Rows are inserted by {@link InboxWriter} (with the dedup key), never through JPA.
 */
@Entity
@Table(name = "inbox_event")
public class InboxEvent {

    @Id
    private long id;

    private String source;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "event_type")
    private String eventType;

    /** Null for events stored before it was recorded. */
    @Column(name = "event_id_signed")
    private Boolean eventIdSigned;

    @Column(name = "event_type_signed")
    private Boolean eventTypeSigned;

    @Enumerated(EnumType.STRING)
    private InboxStatus status;

    private byte[] body;

    @Column(name = "content_type")
    private String contentType;

    @Convert(converter = HeadersConverter.class)
    private Map<String, List<String>> headers;

    @Column(name = "received_at")
    private Instant receivedAt;

    @Column(name = "processed_at")
    private Instant processedAt;

    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    private int conflicts;

    protected InboxEvent() {
    }

    public long getId() { return id; }
    public String getSource() { return source; }
    public String getEventId() { return eventId; }
    public String getEventType() { return eventType; }
    public Boolean getEventIdSigned() { return eventIdSigned; }
    public Boolean getEventTypeSigned() { return eventTypeSigned; }
    public InboxStatus getStatus() { return status; }
    public byte[] getBody() { return body; }
    public String getContentType() { return contentType; }
    public Map<String, List<String>> getHeaders() { return headers; }
    public Instant getReceivedAt() { return receivedAt; }
    public Instant getProcessedAt() { return processedAt; }
    public int getAttempts() { return attempts; }
    public String getLastError() { return lastError; }
    public int getConflicts() { return conflicts; }
}
