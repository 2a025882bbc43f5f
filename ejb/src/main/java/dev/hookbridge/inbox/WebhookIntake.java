package dev.hookbridge.inbox;

import dev.hookbridge.common.BackendUnavailableException;
import dev.hookbridge.common.ControlCharacters;
import dev.hookbridge.common.GroupCommitQueue;
import dev.hookbridge.inbox.WebhookRejectedException.Reason;
import dev.hookbridge.signature.EventIdentity;
import dev.hookbridge.signature.MalformedPayloadException;
import dev.hookbridge.signature.SignatureException;
import dev.hookbridge.signature.SignedRequest;
import dev.hookbridge.signature.WebhookPayload;
import dev.hookbridge.source.ActiveSource;
import dev.hookbridge.source.ActiveSourceCache;
import dev.hookbridge.tracing.TraceParent;
import dev.hookbridge.tracing.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The inbound pipeline of docs/inbound.md after the body is read: verify the signature, parse and
 * identify the event, answer handshakes, then hand the event to {@link InboxWriter}. Nothing is
 * stored before every check has passed. Events verified at the same time are stored together, in one
 * transaction ({@link GroupCommitQueue}); each request is answered once its own event is committed.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);
    private static final int MAX_ID_LENGTH = 500;
    /** What is stored instead of a signature header's value. */
    public static final String REDACTED = "(redacted)";

    @Inject
    ActiveSourceCache sources;

    @EJB
    InboxWriter inbox;

    @Inject
    IntakeCircuit circuit;

    @Inject
    Traces traces;

    @Inject
    @ConfigProperty(name = "hookbridge.inbound.max-group")
    int maxGroup;

    @Inject
    @ConfigProperty(name = "hookbridge.inbound.concurrent-groups")
    int concurrentGroups;

    private final Clock clock = Clock.systemUTC();
    private GroupCommitQueue<InboundWebhook, IntakeOutcome.Accepted> stored;

    @PostConstruct
    void createGroupQueue() {
        // Each write goes through the EJB, so each group (and each retried single) is its own transaction.
        // A group that failed because a backend is down is not written again one by one: each write
        // would wait for the same outage, and the circuit now answers 503 at once.
        stored = new GroupCommitQueue<>(maxGroup, concurrentGroups,
                group -> circuit.watched(() -> inbox.storeGroup(group)),
                webhook -> circuit.watched(() -> inbox.store(webhook)),
                groupFailure -> {
                    circuit.failed(groupFailure);
                    return !circuit.isOpen();
                });
        circuit.onOpen(() -> stored.failWaiting(new BackendUnavailableException(
                "the database or the message broker stopped answering; nothing was stored, please retry")));
    }

    /** The named source (cached for a few seconds, see ActiveSourceCache), or a 404 rejection. */
    public ActiveSource source(String name) {
        return sources.active(name).orElseThrow(() -> new WebhookRejectedException(Reason.UNKNOWN_SOURCE,
                "no source named '" + name + "' is configured"));
    }

    /** Refuses a media type the source does not take (checked before the body is read). */
    public void checkMediaType(ActiveSource source, String mediaType) {
        if (!source.intake().accepts(mediaType)) {
            throw new WebhookRejectedException(Reason.UNSUPPORTED_MEDIA_TYPE, "source '" + source.name()
                    + "' accepts " + source.intake().mediaTypes() + ", not " + (mediaType == null ? "a body without Content-Type" : mediaType));
        }
    }

    public IntakeOutcome receive(ActiveSource source, byte[] body, String mediaType, Map<String, List<String>> headers) {
        SignedRequest request = new SignedRequest(body, headers);
        try {
            source.scheme().verify(request, source.secrets(), source.tolerance(), clock.instant());
        } catch (SignatureException e) {
            LOG.infof("Rejected webhook for source %s: %s", source.name(), e.getMessage());
            throw new WebhookRejectedException(Reason.INVALID_SIGNATURE, e.getMessage());
        }
        try {
            WebhookPayload payload = WebhookPayload.parse(body, mediaType);
            Optional<String> challenge = source.scheme().handshakeChallenge(payload);
            if (challenge.isPresent()) {
                return new IntakeOutcome.Handshake(challenge.get());
            }
            EventIdentity identity = source.scheme().identify(request, payload);
            checkLength("event id", identity.eventId());
            checkLength("event type", identity.eventType());
            String group = source.orderingKey().flatMap(payload::text).orElse(null);
            circuit.refuseWhileOpen();
            return store(new InboundWebhook(source.name(), identity, body, mediaType,
                    redacted(headers, source.scheme().signatureHeaders()), group, null));
        } catch (MalformedPayloadException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, e.getMessage());
        }
    }

    /**
     * Stores the webhook in a span of the request's trace that lasts until its transaction has
     * committed; the span's context goes with the event on webhooks.inbound, so its processing
     * continues the trace.
     */
    private IntakeOutcome.Accepted store(InboundWebhook webhook) {
        Span span = traces.start("send webhooks.inbound", SpanKind.PRODUCER);
        try (Scope current = span.makeCurrent()) {
            span.setAttribute("messaging.system", "activemq");
            span.setAttribute("messaging.destination.name", "webhooks.inbound");
            span.setAttribute("hookbridge.source", webhook.source());
            span.setAttribute("hookbridge.event_id", webhook.eventId());
            IntakeOutcome.Accepted accepted = stored.submit(webhook.tracedBy(TraceParent.of(span)));
            span.setAttribute("hookbridge.inbox_id", accepted.inboxId());
            span.setAttribute("hookbridge.duplicate", accepted.duplicate());
            return accepted;
        } catch (RuntimeException failed) {
            Traces.failed(span, failed);
            circuit.failed(failed);
            throw failed;
        } finally {
            span.end();
        }
    }

    /** The headers to store: the signature's own replaced by {@link #REDACTED} (names are lower case). */
    private static Map<String, List<String>> redacted(Map<String, List<String>> headers, Set<String> signatureHeaders) {
        Map<String, List<String>> stored = new LinkedHashMap<>(headers);
        stored.replaceAll((name, values) -> signatureHeaders.contains(name) ? List.of(REDACTED) : values);
        return stored;
    }

    private static void checkLength(String what, String value) {
        if (value != null && value.length() > MAX_ID_LENGTH) {
            throw new WebhookRejectedException(Reason.MALFORMED, what + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (value != null && value.isBlank()) {
            throw new WebhookRejectedException(Reason.MALFORMED, what + " is empty");
        }
        if (ControlCharacters.in(value)) {
            throw new WebhookRejectedException(Reason.MALFORMED, what + " contains control characters (CR, LF, NUL, …)");
        }
    }
}
