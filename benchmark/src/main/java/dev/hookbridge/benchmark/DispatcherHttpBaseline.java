package dev.hookbridge.benchmark;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;

/**
 * Baseline 4: a raw POST of a 1 KiB webhook to the loopback receiver from Apache HttpClient 5 set up
 * as WebhookSender sets it up (pool of 200, 20 per route, 15 s timeouts, no redirects, no retries,
 * response read to at most 4 KiB), with no database or transaction around it.
 */
final class DispatcherHttpBaseline implements AutoCloseable {

    private final CloseableHttpClient client;
    private final String url;

    DispatcherHttpBaseline(String url) {
        this.url = url;
        Timeout limit = Timeout.ofSeconds(15);
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(20)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).setConnectionRequestTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("Hookbridge")
                .build();
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
