package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A traced call's log lines carry its trace and span ids; other lines are as they were. */
class TraceIdLogLinesTest {
    private static final String TRACE = "4bf92f3577b34da6a3a2b2b8ba5fd1e1";
    private static final String SPAN = "00f067aa0ba902b7";

    private static LoggerContext context() {
        var context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        return context;
    }

    /** Logs one event through the service's trace-id appender; returns the event as the console would get it. */
    private static ILoggingEvent logged(LoggerContext context) {
        var list = new ListAppender<ILoggingEvent>();
        list.setContext(context);
        list.start();
        var appender = LogConfigurationAccess.withTraceIds(context, list);
        var event = new LoggingEvent("fqcn", context.getLogger("io.docverify.grpc.DocverifyServer"), Level.INFO,
                "upload created", null, null);
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("event", "upload.created"));
        appender.doAppend(event);
        assertThat(list.list).hasSize(1);
        return list.list.get(0);
    }

    private static String text(LoggerContext context, ILoggingEvent event) {
        return new String(LogConfigurationAccess.textEncoder(context).encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void aLineInsideASpanEndsWithItsTraceAndSpanIds() {
        var context = context();
        Span span = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()));
        ILoggingEvent event;
        try (var scope = span.makeCurrent()) {
            event = logged(context);
        }

        assertThat(event.getMDCPropertyMap()).containsEntry("traceId", TRACE).containsEntry("spanId", SPAN);
        assertThat(text(context, event)).endsWith("event=\"upload.created\" traceId=" + TRACE + " spanId=" + SPAN
                + System.lineSeparator());
    }

    @Test
    void aLineOutsideAnySpanIsUnchanged() {
        var context = context();
        ILoggingEvent event = logged(context);

        assertThat(event.getMDCPropertyMap()).doesNotContainKey("traceId");
        assertThat(text(context, event)).endsWith("event=\"upload.created\"" + System.lineSeparator())
                .doesNotContain("traceId");
    }
}
