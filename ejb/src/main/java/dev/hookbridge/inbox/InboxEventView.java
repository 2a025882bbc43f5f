package dev.hookbridge.inbox;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An inbox event as the API shows it. The list leaves out body and headers (null); one event shows
 * them: the body as text, or base64 with {@code bodyEncoding = "base64"} when it is not UTF-8, and the
 * headers with the signature's redacted. {@code eventIdSigned}/{@code eventTypeSigned} are false where
 * the provider's signature does not cover them (GitHub's headers), null for events stored before they
 * were recorded.
 */
public record InboxEventView(String id, String source, String eventId, String eventType, Boolean eventIdSigned,
                             Boolean eventTypeSigned, InboxStatus status,
                             Instant receivedAt, Instant processedAt, int attempts, String lastError, int conflicts,
                             String contentType, Map<String, List<String>> headers, String body, String bodyEncoding) {

    static InboxEventView summary(InboxEvent e) {
        return new InboxEventView(Long.toString(e.getId()), e.getSource(), e.getEventId(), e.getEventType(),
                e.getEventIdSigned(), e.getEventTypeSigned(), e.getStatus(),
                e.getReceivedAt(), e.getProcessedAt(), e.getAttempts(), e.getLastError(), e.getConflicts(),
                e.getContentType(), null, null, null);
    }

    static InboxEventView detail(InboxEvent e) {
        String text = utf8(e.getBody());
        return new InboxEventView(Long.toString(e.getId()), e.getSource(), e.getEventId(), e.getEventType(),
                e.getEventIdSigned(), e.getEventTypeSigned(), e.getStatus(),
                e.getReceivedAt(), e.getProcessedAt(), e.getAttempts(), e.getLastError(), e.getConflicts(),
                e.getContentType(), e.getHeaders(),
                text != null ? text : Base64.getEncoder().encodeToString(e.getBody()),
                text != null ? "utf-8" : "base64");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
