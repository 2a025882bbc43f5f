package dev.hookbridge.outbox;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.util.Timeout;

import java.time.Duration;

/**
 * How the dispatcher's HTTP client is built, in one place so that the benchmark's raw-HTTP baseline
 * measures exactly the client the dispatcher uses: a shared pool (200 connections, 20 per receiver),
 * one timeout for connect, socket, response and pool wait, no redirects, no automatic retries (the
 * retry schedule decides), no cookies, and limits on what a receiver's answer may make it hold.
 */
public final class DeliveryHttpClients {

    /** A receiver's answer with more headers than this fails the attempt (the default has no limit). */
    public static final int MAX_RESPONSE_HEADERS = 100;
    /** Likewise for a status or header line longer than this. */
    public static final int MAX_LINE_BYTES = 8192;

    private DeliveryHttpClients() {
    }

    /** @param resolver resolves receiver host names; the SSRF guard is passed in here */
    public static CloseableHttpClient create(Duration timeout, DnsResolver resolver) {
        Timeout limit = Timeout.of(timeout);
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom()
                                        .setMaxHeaderCount(MAX_RESPONSE_HEADERS)
                                        .setMaxLineLength(MAX_LINE_BYTES)
                                        .build())
                                .build())
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
