package dev.hookbridge.outbox;

import dev.hookbridge.endpoint.AddressPolicy;
import dev.hookbridge.json.JsonProcessing;
import dev.hookbridge.signature.StandardWebhooksSigner;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Sends one signed delivery attempt over a pooled HTTP client (Apache HttpClient 5). Redirects are
 * not followed, the response is read to at most 4 KiB, and the SSRF guard sits in the client's DNS
 * resolution, so the address checked is the address connected to.
 */
@ApplicationScoped
public class WebhookSender {

    static final int RESPONSE_EXCERPT_BYTES = 4096;

    @Inject
    AddressPolicy addressPolicy;

    @Inject
    @ConfigProperty(name = "hookbridge.delivery.timeout")
    Duration timeout;

    private CloseableHttpClient client;

    /** A host whose every address the SSRF guard refuses; the attempt fails with this error. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host, String rule) {
            super("refused by the SSRF guard: every address " + host + " resolves to is refused (" + rule + ")");
        }
    }

    @PostConstruct
    void start() {
        DnsResolver guarded = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] all = SystemDefaultDnsResolver.INSTANCE.resolve(host);
                InetAddress[] allowed = Arrays.stream(all).filter(a -> addressPolicy.allows(host, a)).toArray(InetAddress[]::new);
                if (allowed.length == 0) {
                    throw new RefusedAddressException(host, addressPolicy.refusal(host, all[0]).orElse("refused"));
                }
                return allowed;
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
        client = DeliveryHttpClients.create(timeout, guarded);
    }

    @PreDestroy
    void stop() {
        client.close(CloseMode.GRACEFUL);
    }

    public AttemptResult send(ClaimedDelivery delivery) {
        byte[] body = payload(delivery);
        Instant attemptedAt = Instant.now();
        long timestamp = attemptedAt.getEpochSecond();
        HttpPost post = new HttpPost(delivery.target().url());
        delivery.target().headers().forEach(post::setHeader);
        post.setHeader("webhook-id", delivery.eventId());
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature",
                StandardWebhooksSigner.sign(delivery.target().secrets(), delivery.eventId(), timestamp, body));
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        long start = System.nanoTime();
        try {
            return client.execute(post, response -> {
                String excerpt = readExcerpt(response.getEntity() == null ? null : response.getEntity().getContent());
                return new AttemptResult(attemptedAt, response.getCode(), elapsedMillis(start), excerpt, null,
                        retryAfter(response.getFirstHeader("Retry-After"), response.getCode()));
            });
        } catch (IOException e) {
            return new AttemptResult(attemptedAt, null, elapsedMillis(start), null,
                    e instanceof RefusedAddressException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage(),
                    Optional.empty());
        }
    }

    /** The delivered body: {"id","type","timestamp","data"}, the same bytes on every attempt. */
    static byte[] payload(ClaimedDelivery delivery) {
        return JsonProcessing.PROVIDER.createObjectBuilder()
                .add("id", delivery.eventId())
                .add("type", delivery.eventType())
                .add("timestamp", delivery.eventTime().toString())
                .add("data", JsonProcessing.PROVIDER.createReader(new StringReader(delivery.data())).readValue())
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    static String readExcerpt(InputStream in) throws IOException {
        if (in == null) {
            return null;
        }
        // Only the first 4 KiB are kept; the rest is not read (the connection is then not reused).
        byte[] excerpt = in.readNBytes(RESPONSE_EXCERPT_BYTES);
        // PostgreSQL text cannot hold NUL: a response containing one could never be recorded, and the
        // delivery would be sent again and again after each lease.
        return new String(excerpt, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
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
