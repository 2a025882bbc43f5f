package dev.hookbridge.web.webhooks;

import dev.hookbridge.inbox.WebhookRejectedException;
import dev.hookbridge.inbox.WebhookRejectedException.Reason;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body while counting: a body over the limit is refused (413) as soon as it is
 * known, from Content-Length before reading or at the first byte past the limit, never after
 * buffering all of it. A body cut off before its end is malformed (400).
 */
final class BoundedBody {

    private static final int CHUNK = 8192;

    private BoundedBody() {
    }

    static byte[] read(InputStream in, long declaredLength, long limit) {
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : CHUNK);
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        try {
            int n;
            while ((n = in.read(chunk)) != -1) {
                total += n;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            // The sender closed or broke the connection before the whole body (its Content-Length) arrived:
            // a malformed request, not a server failure. Nothing has been stored yet.
            throw new WebhookRejectedException(Reason.MALFORMED, "the request body ended before it was complete");
        }
        return out.toByteArray();
    }

    private static WebhookRejectedException tooLarge(long limit) {
        return new WebhookRejectedException(Reason.PAYLOAD_TOO_LARGE, "the body is larger than " + limit + " bytes");
    }
}
