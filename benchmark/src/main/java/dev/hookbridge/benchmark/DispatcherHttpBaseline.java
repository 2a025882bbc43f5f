package dev.hookbridge.benchmark;

import dev.hookbridge.outbox.DeliveryHttpClients;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Baseline 4: a raw POST of a 1 KiB webhook to the loopback receiver from the dispatcher's own HTTP
 * client ({@link DeliveryHttpClients}, 15 s timeouts as the default delivery timeout, the response
 * read to at most 4 KiB as WebhookSender reads it), with no SSRF guard, database or transaction
 * around it.
 */
final class DispatcherHttpBaseline implements AutoCloseable {

    private final CloseableHttpClient client;
    private final String url;

    DispatcherHttpBaseline(String url) {
        this.url = url;
        client = DeliveryHttpClients.create(Duration.ofSeconds(15), SystemDefaultDnsResolver.INSTANCE);
    }

    boolean post(long sequence) throws IOException {
        String id = "b4-" + sequence;
        HttpPost post = new HttpPost(url);
        post.setHeader("webhook-id", id);
        post.setHeader("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000));
        post.setHeader("webhook-signature", "v1,baseline");
        post.setEntity(new ByteArrayEntity(GatewayClient.body(id), ContentType.APPLICATION_JSON));
        return client.execute(post, response -> {
            if (response.getEntity() != null) {
                try (InputStream in = response.getEntity().getContent()) {
                    in.readNBytes(4096);
                }
            }
            return response.getCode() == 200;
        });
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
