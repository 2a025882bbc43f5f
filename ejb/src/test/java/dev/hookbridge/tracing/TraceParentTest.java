package dev.hookbridge.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The traceparent text Hookbridge carries on its own hops, read back to the same span context. */
class TraceParentTest {

    private static final String SAMPLED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String NOT_SAMPLED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

    @Test
    void aTraceparentIsReadAsARemoteSpanContextAndWrittenBackUnchanged() {
        SpanContext read = Span.fromContext(TraceParent.parse(SAMPLED)).getSpanContext();

        assertThat(read.isValid()).isTrue();
        assertThat(read.isRemote()).isTrue();
        assertThat(read.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(read.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(read.isSampled()).isTrue();
        assertThat(TraceParent.of(TraceParent.parse(SAMPLED))).isEqualTo(SAMPLED);
        assertThat(TraceParent.of(TraceParent.parse(NOT_SAMPLED))).isEqualTo(NOT_SAMPLED);
    }

    @Test
    void nothingOrSomethingMalformedIsNoTraceAtAll() {
        for (String text : new String[] {null, "", " ", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"}) {
            assertThat(Span.fromContext(TraceParent.parse(text)).getSpanContext().isValid()).as("%s", text).isFalse();
            assertThat(TraceParent.of(TraceParent.parse(text))).as("%s", text).isNull();
        }
    }

    @Test
    void theCurrentTraceIsTheOneMadeCurrentAndNoneOutsideIt() {
        assertThat(TraceParent.current()).isNull();
        try (Scope resumed = Traces.resumed(SAMPLED).makeCurrent()) {
            assertThat(TraceParent.current()).isEqualTo(SAMPLED);
        }
        assertThat(TraceParent.current()).isNull();
        assertThat(TraceParent.of(Context.root())).isNull();
    }
}
