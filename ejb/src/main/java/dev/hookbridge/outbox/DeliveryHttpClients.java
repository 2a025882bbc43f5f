package dev.hookbridge.outbox;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

import java.time.Duration;

/**
 * How the dispatcher's HTTP client is built, in one place so that the benchmark's raw-HTTP baseline
 * measures exactly the client the dispatcher uses: a shared pool (200 connections, 20 per receiver),
 * one timeout for connect, socket, response and pool wait, no redirects, no automatic retries (the
 * retry schedule decides), no cookies.
 */
public final class DeliveryHttpClients {

    private DeliveryHttpClients() {
    }

    /** @param resolver resolves receiver host names; the SSRF guard is passed in here */
    public static CloseableHttpClient create(Duration timeout, DnsResolver resolver) {
        Timeout limit = Timeout.of(timeout);
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
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
}
