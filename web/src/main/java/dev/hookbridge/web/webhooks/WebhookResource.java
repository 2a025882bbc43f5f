package dev.hookbridge.web.webhooks;

import dev.hookbridge.inbox.IntakeOutcome;
import dev.hookbridge.inbox.WebhookIntake;
import dev.hookbridge.inbox.WebhookRejectedException;
import dev.hookbridge.observability.GatewayMetrics;
import dev.hookbridge.source.ActiveSource;
import dev.hookbridge.web.problem.UnexpectedErrorMapper;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /webhooks/{source}}: checks in the order of docs/inbound.md, "Answers" (source 404,
 * media type 415, size 413, then signature 401 and content 400 in the intake) and answers 200 only
 * once the event and its message are committed.
 */
@Path("{source}")
@RequestScoped
public class WebhookResource {

    /** Credentials a proxy or browser may add; never stored with the event. */
    private static final Set<String> NOT_STORED = Set.of("authorization", "proxy-authorization", "cookie");

    @Inject
    WebhookIntake intake;

    @Inject
    GatewayMetrics metrics;

    /** The answer to an accepted webhook (docs/inbound.md, "Answers"). */
    public record Accepted(String inboxId, String eventId, boolean duplicate) {
    }

    @POST
    public Response receive(@PathParam("source") String sourceName, @Context HttpHeaders headers, InputStream body) {
        ActiveSource source;
        try {
            source = intake.source(sourceName);
        } catch (WebhookRejectedException unknown) {
            metrics.rejected(GatewayMetrics.UNKNOWN_SOURCE, unknown.reason().name());
            throw unknown;
        }
        try {
            return receive(source, headers, body);
        } catch (WebhookRejectedException rejected) {
            metrics.rejected(source.name(), rejected.reason().name());
            throw rejected;
        } catch (RuntimeException failed) {
            metrics.rejected(source.name(), UnexpectedErrorMapper.isUnavailable(failed) ? "unavailable" : "error");
            throw failed;
        }
    }

    private Response receive(ActiveSource source, HttpHeaders headers, InputStream body) {
        String mediaType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        intake.checkMediaType(source, mediaType);
        byte[] raw = BoundedBody.read(body, headers.getLength(), source.intake().maxBodyBytes());
        IntakeOutcome outcome = intake.receive(source, raw, mediaType, storedHeaders(headers));
        if (outcome instanceof IntakeOutcome.Handshake handshake) {
            return Response.ok(handshake.challenge(), MediaType.TEXT_PLAIN_TYPE).build();
        }
        IntakeOutcome.Accepted accepted = (IntakeOutcome.Accepted) outcome;
        metrics.accepted(source.name(), accepted.duplicate());
        return Response.ok(new Accepted(Long.toString(accepted.inboxId()), accepted.eventId(), accepted.duplicate()),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Map<String, List<String>> storedHeaders(HttpHeaders headers) {
        Map<String, List<String>> stored = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_STORED.contains(lower)) {
                stored.computeIfAbsent(lower, k -> new ArrayList<>()).addAll(values);
            }
        });
        return stored;
    }
}
