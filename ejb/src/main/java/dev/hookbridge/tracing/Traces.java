package dev.hookbridge.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Starts Hookbridge's own spans with the server's OpenTelemetry: the opentelemetry subsystem's, on a
 * server set up with hookbridge-tracing.cli; a no-op without it, so a server without traces pays for
 * none (a no-op span still passes on a trace context it was given). Whether spans are recorded and
 * where they go is the server's configuration (docs/configuration.md, "Traces"); unrecorded spans
 * still carry a valid context, so the trace id travels either way.
 */
@ApplicationScoped
public class Traces {

    private static final String INSTRUMENTATION_SCOPE = "dev.hookbridge";

    /** Produced by the opentelemetry subsystem when the server has it. */
    @Inject
    Instance<OpenTelemetry> serverOpenTelemetry;

    private Tracer tracer;

    @PostConstruct
    void createTracer() {
        OpenTelemetry openTelemetry = serverOpenTelemetry.isResolvable() ? serverOpenTelemetry.get() : OpenTelemetry.noop();
        tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
    }

    /** Outside the container (unit tests): spans of the given OpenTelemetry. */
    public static Traces using(OpenTelemetry openTelemetry) {
        Traces traces = new Traces();
        traces.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        return traces;
    }

    /** A span that continues the current one. */
    public Span start(String name, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind).startSpan();
    }

    /** A span that continues the trace {@code traceparent} names; the first span of a new trace when null. */
    public Span start(String name, SpanKind kind, String traceparent) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(TraceParent.parse(traceparent)).startSpan();
    }

    /** Marks the span failed by {@code failure}. */
    public static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }

    /** Context.current() with the span of {@code traceparent} as its span: what a resumed hop runs in. */
    public static Context resumed(String traceparent) {
        return Context.current().with(Span.fromContext(TraceParent.parse(traceparent)));
    }
}
