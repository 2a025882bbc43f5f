package dev.hookbridge.outbox;

import dev.hookbridge.endpoint.AddressPolicies;
import dev.hookbridge.endpoint.AddressPolicy;
import dev.hookbridge.signature.StandardWebhooksSigner;
import dev.hookbridge.tracing.TraceParent;
import dev.hookbridge.tracing.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one signed delivery attempt over a pooled HTTP client (Apache HttpClient 5). Redirects are
 * not followed, and the SSRF guard sits in the client's DNS resolution, so the address checked is the
 * address connected to. A receiver is untrusted: its answer may have at most 100 headers of 8 KiB a
 * line (DeliveryHttpClients), at most 4 KiB of its body is read (then the connection is closed, not
 * drained), and the whole exchange has a deadline ({@code hookbridge.delivery.timeout}) after which it
 * is cancelled, whatever stage it is in: the client's own timeouts apply to each read, which a receiver
 * trickling a byte at a time never reaches.
 *
 * Each attempt is a span of the trace the event was published in, and the receiver gets that span's
 * context as the {@code traceparent} header (not covered by the signature, like any header but the
 * three signed ones).
 */
@ApplicationScoped
public class WebhookSender {

    static final int RESPONSE_EXCERPT_BYTES = 4096;

    @Inject
    AddressPolicies addressPolicies;

    @Inject
    Traces traces;

    @Inject
    @ConfigProperty(name = "hookbridge.delivery.timeout")
    Duration timeout;

    /** Cancels exchanges that pass their deadline. */
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService deadlines;

    /** The client of the shop's own endpoints, and that of customers' endpoints: each resolves through its SSRF policy. */
    private CloseableHttpClient client;
    private CloseableHttpClient customersClient;

    /** A host whose every address the SSRF guard refuses; the attempt fails with this error. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host, String rule) {
            super("refused by the SSRF guard: every address " + host + " resolves to is refused (" + rule + ")");
        }
    }

    @PostConstruct
    void start() {
        client = DeliveryHttpClients.create(timeout, guardedBy(addressPolicies.shops()));
        customersClient = DeliveryHttpClients.create(timeout, guardedBy(addressPolicies.customers()));
    }

    /** DNS resolution that answers only the addresses the policy allows, so the address checked is the one connected to. */
    private static DnsResolver guardedBy(AddressPolicy policy) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] all = SystemDefaultDnsResolver.INSTANCE.resolve(host);
                InetAddress[] allowed = Arrays.stream(all).filter(a -> policy.allows(host, a)).toArray(InetAddress[]::new);
                if (allowed.length == 0) {
                    throw new RefusedAddressException(host, policy.refusal(host, all[0]).orElse("refused"));
                }
                return allowed;
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
    }

    @PreDestroy
    void stop() {
        client.close(CloseMode.GRACEFUL);
        customersClient.close(CloseMode.GRACEFUL);
    }

    public AttemptResult send(ClaimedDelivery delivery) {
        Span span = traces.start("deliver webhook", SpanKind.CLIENT, delivery.traceparent());
        span.setAttribute("http.request.method", "POST");
        span.setAttribute("hookbridge.delivery_id", delivery.deliveryId());
        span.setAttribute("hookbridge.event_id", delivery.eventId());
        span.setAttribute("hookbridge.endpoint_id", delivery.target().endpointId());
        span.setAttribute("hookbridge.attempt", delivery.attemptsMade() + 1);
        try {
            AttemptResult result = send(delivery, TraceParent.of(span));
            if (result.statusCode() != null) {
                span.setAttribute("http.response.status_code", result.statusCode());
            }
            if (!result.delivered()) {
                span.setStatus(StatusCode.ERROR, result.error() != null ? result.error() : "status " + result.statusCode());
            }
            return result;
        } catch (RuntimeException e) {
            Traces.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private AttemptResult send(ClaimedDelivery delivery, String traceparent) {
        byte[] body = payload(delivery);
        Instant attemptedAt = Instant.now();
        long timestamp = attemptedAt.getEpochSecond();
        HttpPost post = new HttpPost(delivery.target().url());
        delivery.target().headers().forEach(post::setHeader);
        if (traceparent != null) {
            post.setHeader(TraceParent.NAME, traceparent);
        }
        post.setHeader("webhook-id", delivery.eventId());
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature",
                StandardWebhooksSigner.sign(delivery.target().secrets(), delivery.eventId(), timestamp, body));
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        long start = System.nanoTime();
        AtomicBoolean pastDeadline = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            pastDeadline.set(true);
            post.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        Integer status = null;
        try {
            CloseableHttpClient guarded = delivery.target().customer() == null ? client : customersClient;
            ClassicHttpResponse response = guarded.executeOpen(null, post, null);
            status = response.getCode();
            Excerpt excerpt = Excerpt.read(response.getEntity() == null ? null : response.getEntity().getContent());
            if (!excerpt.complete()) {
                // Reading the rest only to reuse the connection would let the receiver hold this attempt.
                post.cancel();
            }
            closeQuietly(response);
            return new AttemptResult(attemptedAt, status, elapsedMillis(start), excerpt.text(), null,
                    retryAfter(response.getFirstHeader("Retry-After"), status));
        } catch (IOException e) {
            return new AttemptResult(attemptedAt, status, elapsedMillis(start), null, describe(e, status, pastDeadline.get()),
                    Optional.empty());
        } finally {
            deadline.cancel(false);
        }
    }

    private String describe(IOException e, Integer status, boolean pastDeadline) {
        // The client's read timeout is the deadline's length: a read that waited that long and the
        // deadline, whichever comes first, are the same verdict.
        if (pastDeadline || e instanceof SocketTimeoutException) {
            return (status == null ? "no answer" : "the answer (status " + status + ") did not complete") + " within "
                    + timeout + " (hookbridge.delivery.timeout)" + (pastDeadline ? "; the attempt was cancelled" : "");
        }
        if (e instanceof RefusedAddressException) {
            return e.getMessage();
        }
        if (e instanceof MessageConstraintException) {
            return "the answer broke a limit (" + DeliveryHttpClients.MAX_RESPONSE_HEADERS + " headers, "
                    + DeliveryHttpClients.MAX_LINE_BYTES + " bytes a line): " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException cancelled) {
            // The connection was closed on purpose (an unread body): nothing to release.
        }
    }

    static byte[] payload(ClaimedDelivery delivery) {
        return DeliveredBody.of(delivery.eventId(), delivery.eventType(), delivery.schemaVersion(), delivery.eventTime(),
                delivery.data());
    }

    /** The first 4 KiB of a response body, and whether that was all of it. */
    record Excerpt(String text, boolean complete) {

        static Excerpt read(InputStream in) throws IOException {
            if (in == null) {
                return new Excerpt(null, true);
            }
            byte[] excerpt = in.readNBytes(RESPONSE_EXCERPT_BYTES);
            // PostgreSQL text cannot hold NUL: a response containing one could never be recorded, and the
            // delivery would be sent again and again after each lease.
            return new Excerpt(new String(excerpt, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD'),
                    excerpt.length < RESPONSE_EXCERPT_BYTES);
        }
    }

    /** Retry-After in seconds or as an HTTP date, taken into account on 429 and 503 only. */
    static Optional<Duration> retryAfter(Header header, int status) {
        if (header == null || (status != 429 && status != 503)) {
            return Optional.empty();
        }
        String value = header.getValue().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            Instant date = DateUtils.parseStandardDate(value);
            return date == null ? Optional.empty()
                    : Optional.of(Duration.between(Instant.now(), date)).filter(d -> !d.isNegative());
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
