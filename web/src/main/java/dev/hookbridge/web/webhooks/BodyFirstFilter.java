package dev.hookbridge.web.webhooks;

import dev.hookbridge.web.problem.Problem;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a {@code POST /webhooks/…} whose body is still on its way from holding a worker thread: the
 * container's I/O thread collects the bytes as they arrive (non-blocking, a {@link ReadListener}),
 * and only a complete body is dispatched to {@link WebhookResource}. A body that came whole with
 * the headers goes straight on. A sender that trickles its body
 * therefore holds a connection, not one of the worker threads every other request needs; a body not
 * complete within {@code hookbridge.inbound.body-timeout} is answered 408 and the connection closed.
 * A body larger than {@code hookbridge.inbound.max-body-bytes} is refused (413) as soon as that is
 * known; a declared length over it is left to the resource, which refuses it without reading, after
 * the checks that come first (unknown source, media type). Undertow (WildFly's web server) closes
 * the connection of a body that is refused here.
 */
@WebFilter(urlPatterns = "/webhooks/*", asyncSupported = true)
public class BodyFirstFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(BodyFirstFilter.class);
    private static final int CHUNK = 8192;

    @Inject
    @ConfigProperty(name = "hookbridge.inbound.max-body-bytes")
    long maxBodyBytes;

    @Inject
    @ConfigProperty(name = "hookbridge.inbound.body-timeout")
    Duration bodyTimeout;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        if (!"POST".equals(request.getMethod()) || declared > maxBodyBytes || arrivedWhole(request, declared)) {
            chain.doFilter(request, response);
            return;
        }
        CompleteBodyRequest withBody = new CompleteBodyRequest(request);
        HttpServerExchange exchange = ServletRequestContext.requireCurrent().getExchange();
        AsyncContext async = request.startAsync(withBody, response);
        async.setTimeout(bodyTimeout.toMillis());
        BodyCollector collector = new BodyCollector(request.getInputStream(), withBody, async, exchange);
        async.addListener(collector);
        request.getInputStream().setReadListener(collector);
    }

    /**
     * Whether the whole body (of a declared length) came with the headers, as a small webhook's
     * usually does: then the resource reads it on this thread without waiting, and the asynchronous
     * round trip is saved. {@code available()} takes what has arrived without blocking.
     */
    private static boolean arrivedWhole(HttpServletRequest request, long declared) {
        try {
            return declared >= 0 && request.getInputStream().available() >= declared;
        } catch (IOException gone) {
            // The sender is gone already; the asynchronous read reports it (onError) like any broken body.
            return false;
        }
    }

    /** Collects the body on the I/O thread, then dispatches the request with it, or answers why not. */
    private final class BodyCollector implements ReadListener, AsyncListener {

        private final ServletInputStream in;
        private final CompleteBodyRequest withBody;
        private final AsyncContext async;
        private final HttpServerExchange exchange;
        private final ByteArrayOutputStream body;
        private final byte[] chunk = new byte[CHUNK];
        /** Set once: the request was dispatched or answered; nothing else may answer it. */
        private final AtomicBoolean settled = new AtomicBoolean();

        BodyCollector(ServletInputStream in, CompleteBodyRequest withBody, AsyncContext async, HttpServerExchange exchange) {
            this.in = in;
            this.withBody = withBody;
            this.async = async;
            this.exchange = exchange;
            // Grown as bytes arrive, not sized by the declared length: a sender that declares a large body
            // and sends a byte holds a byte here, not the whole declared size.
            this.body = new ByteArrayOutputStream(CHUNK);
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (in.isReady()) {
                int n = in.read(chunk);
                if (n == -1) {
                    return;
                }
                if (body.size() + n > maxBodyBytes) {
                    answer(413, "Payload too large", "the body is larger than " + maxBodyBytes + " bytes");
                    return;
                }
                body.write(chunk, 0, n);
            }
        }

        @Override
        public void onAllDataRead() {
            if (settled.compareAndSet(false, true)) {
                withBody.complete(body.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            // The sender broke off or went silent past the listener's read-timeout: nothing was stored.
            LOG.debugf("Body of %s not received: %s", withBody.getRequestURI(), failure.toString());
            answer(400, "Malformed request", "the request body ended before it was complete");
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            answer(408, "Request timeout", "the body did not arrive within " + bodyTimeout.toSeconds() + " s");
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            settled.set(true);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        /**
         * A problem answer from here, then the connection closed: the rest of the body is never read.
         * (Completing the request with its body unread would make the container drain it, blocking a
         * worker thread for as long as the sender trickles.)
         */
        private void answer(int status, String title, String detail) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            try {
                if (!response.isCommitted()) {
                    response.setHeader("Connection", "close");
                    Problem.of(status, title, detail).writeTo(response);
                    response.flushBuffer();
                }
            } catch (IOException | IllegalStateException gone) {
                LOG.debugf("Could not answer %d to %s: %s", status, withBody.getRequestURI(), gone.toString());
            } finally {
                closeConnection();
                async.complete();
            }
        }

        private void closeConnection() {
            try {
                exchange.getConnection().close();
            } catch (IOException alreadyGone) {
                LOG.debugf("Connection of %s already closed: %s", withBody.getRequestURI(), alreadyGone.toString());
            }
        }
    }
}
