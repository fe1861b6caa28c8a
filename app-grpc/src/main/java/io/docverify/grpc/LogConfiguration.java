package io.docverify.grpc;

import ch.qos.logback.core.Appender;
import io.opentelemetry.instrumentation.logback.mdc.v1_0.OpenTelemetryAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.docverify.grpc.logging.TransportNoiseFilter;
import java.util.Locale;
import java.util.Optional;

/**
 * The service's logging, configured in code rather than by logback's XML reader (which cost about half a second of
 * class loading at start-up): one event per line on standard error (standard output carries only the start-up
 * lines scripts read), {@code DOCVERIFY_LOG_FORMAT=text} (default: key=value) or {@code json} (JSON lines), gRPC's
 * own loggers at WARN, java.util.logging levels propagated, and a client's mistakes that the transport refuses
 * logged as one line without a stack trace ({@link TransportNoiseFilter}). Nothing here may log file bytes, API keys, tokens or
 * owner names; the code logs ids, codes and sizes.
 *
 * <p>Found by logback through {@code META-INF/services}. A {@code logback-test.xml} on the class path (the tests)
 * or {@code -Dlogback.configurationFile} wins: this configurator then steps aside.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {
    /** The MDC key of the trace id of a traced call's lines (and {@link #SPAN_ID}). */
    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";
    /** {@code traceId=... spanId=...} on a traced call's lines; nothing on the others. */
    static final String TRACE_IDS = "%replace( traceId=%X{traceId} spanId=%X{spanId}){' traceId= spanId=', ''}";

    /** The text format: key=value pairs after a fixed prefix. */
    static final String TEXT_PATTERN =
            "ts=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} level=%level logger=%logger{0} msg=\"%msg\" %kvp"
            + TRACE_IDS + "%n%ex";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfiguration.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets {@code context} up as the service logs (whatever is on the class path). */
    void apply(LoggerContext context) {
        installTransportFilter(context);
        var julPropagator = new LevelChangePropagator();
        julPropagator.setContext(context);
        julPropagator.setResetJUL(true);
        context.addListener(julPropagator);
        julPropagator.start();

        var console = new ConsoleAppender<ILoggingEvent>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder(context, format()));
        console.start();

        context.getLogger("io.grpc").setLevel(Level.WARN);
        context.getLogger("io.grpc.netty.shaded").setLevel(Level.WARN);
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(withTraceIds(context, console));
    }

    /**
     * The appender with the current span's trace and span ids in each event's MDC (OpenTelemetry's logback-mdc
     * instrumentation): {@code traceId=... spanId=...} in the text format, {@code mdc} in JSON. Untraced lines
     * (tracing off, or no call) are unchanged.
     */
    static Appender<ILoggingEvent> withTraceIds(LoggerContext context, Appender<ILoggingEvent> appender) {
        var traced = new OpenTelemetryAppender();
        traced.setContext(context);
        traced.setName("trace-ids");
        traced.setTraceIdKey(TRACE_ID);
        traced.setSpanIdKey(SPAN_ID);
        traced.setTraceFlagsKey("traceFlags");
        traced.addAppender(appender);
        traced.start();
        return traced;
    }

    /** A client's mistakes refused by the transport: one line each, not a stack trace (TransportNoiseFilter). */
    static TransportNoiseFilter installTransportFilter(LoggerContext context) {
        var filter = new TransportNoiseFilter();
        filter.setContext(context);
        filter.setName("transport-noise");
        filter.start();
        context.addTurboFilter(filter);
        return filter;
    }

    /** {@code text} or {@code json}; {@link Main} has checked the variable before the first log call. */
    static String format() {
        return Optional.ofNullable(System.getProperty("DOCVERIFY_LOG_FORMAT"))
                .or(() -> Optional.ofNullable(System.getenv("DOCVERIFY_LOG_FORMAT")))
                .map(v -> v.trim().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty()).orElse("text");
    }

    static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
        if (format.equals("json")) {
            var json = new JsonEncoder();
            json.setContext(context);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.setWithMessage(false);
            json.setWithContext(false);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.start();
            return json;
        }
        var text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }
}
