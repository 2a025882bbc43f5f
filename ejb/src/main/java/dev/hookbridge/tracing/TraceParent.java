package dev.hookbridge.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C {@code traceparent} text of a span context, the form in which a trace crosses the hops
 * Hookbridge makes itself (a JMS property, an outbox column, an HTTP header). The trace state is not
 * carried: Hookbridge starts no vendor-specific state, and a caller's is kept in its own spans.
 */
public final class TraceParent {

    public static final String NAME = "traceparent";

    private static final TextMapGetter<String> TEXT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(NAME);
        }

        @Override
        public String get(String carrier, String key) {
            return NAME.equals(key) ? carrier : null;
        }
    };

    private TraceParent() {
    }

    /** The traceparent of the span current in {@code context}; null when there is no valid one. */
    public static String of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get(NAME);
    }

    public static String of(Span span) {
        return of(Context.root().with(span));
    }

    /** The traceparent of the current span, or null. */
    public static String current() {
        return of(Context.current());
    }

    /** A context whose span is the remote one {@code traceparent} names; the root context for null or malformed text. */
    public static Context parse(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TEXT);
    }
}
