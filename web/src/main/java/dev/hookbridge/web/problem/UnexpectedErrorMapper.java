package dev.hookbridge.web.problem;

import dev.hookbridge.common.BackendFailures;
import dev.hookbridge.common.BackendUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;


/**
 * Answers everything not refused on purpose: JAX-RS' own errors keep their status; a database,
 * broker or transaction failure is 503 with Retry-After (the transaction rolled back, nothing is
 * half-written, the sender should retry); anything else is a logged 500.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return Problem.of(status, web.getResponse().getStatusInfo().getReasonPhrase(), web.getMessage())
                    .toResponse().build();
        }
        if (isUnavailable(e)) {
            if (e instanceof BackendUnavailableException) {
                // Refused without trying while the intake's circuit is open; it logged the outage once.
                LOG.debugf("Answered 503 while the intake's circuit is open: %s", e.getMessage());
            } else {
                LOG.warnf("Answered 503, a backing service is unavailable: %s", rootCause(e));
            }
            return Problem.of(503, "Service unavailable",
                            "the database or the message broker is unavailable; nothing was stored, please retry")
                    .toResponse().header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        if (e instanceof jakarta.ws.rs.ProcessingException || e instanceof jakarta.json.bind.JsonbException
                || e instanceof jakarta.json.JsonException) {
            return Problem.of(400, "Malformed request", "the body is not the JSON this resource expects: " + rootCause(e))
                    .toResponse().build();
        }
        LOG.error("Unexpected failure", e);
        return Problem.of(500, "Internal server error", "an unexpected error occurred; it has been logged").toResponse().build();
    }

    /** A failure of the database, the broker or the transaction that joins them (see {@link BackendFailures}). */
    public static boolean isUnavailable(Throwable e) {
        return BackendFailures.isUnavailable(e);
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
