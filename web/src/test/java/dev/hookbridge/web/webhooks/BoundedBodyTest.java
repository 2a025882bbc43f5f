package dev.hookbridge.web.webhooks;

import dev.hookbridge.inbox.WebhookRejectedException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedBodyTest {

    @Test
    void readsABodyUpToTheLimit() {
        byte[] body = new byte[100];
        assertThat(BoundedBody.read(new ByteArrayInputStream(body), -1, 100)).hasSize(100);
    }

    @Test
    void refusesFromContentLengthWithoutReadingAByte() {
        AtomicLong read = new AtomicLong();
        InputStream counting = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 0;
            }
        };
        assertThatThrownBy(() -> BoundedBody.read(counting, 101, 100))
                .isInstanceOf(WebhookRejectedException.class)
                .extracting("reason").isEqualTo(WebhookRejectedException.Reason.PAYLOAD_TOO_LARGE);
        assertThat(read).hasValue(0);
    }

    @Test
    void refusesAnEndlessChunkedBodySoonAfterTheLimitInsteadOfBufferingIt() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                read.addAndGet(len);
                return len;
            }
        };
        assertThatThrownBy(() -> BoundedBody.read(endless, -1, 1000)).isInstanceOf(WebhookRejectedException.class);
        assertThat(read.get()).isLessThan(1000 + 8192 + 1);
    }
}
