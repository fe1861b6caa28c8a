package io.docverify.grpc.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import io.docverify.grpc.LogConfigurationAccess;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Everything logged at WARN or above (or INFO, see {@link #atInfo}) while it is open, from SLF4J and (bridged, as in the service) from
 * java.util.logging, which gRPC and Netty use; each event rendered by the service's own text encoder, so a test can
 * count the lines an operator would see, stack traces included.
 */
public final class CapturedLogs implements AutoCloseable {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Encoder<ILoggingEvent> encoder = LogConfigurationAccess.textEncoder(context);
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(threshold)) {
                event.prepareForDeferredProcessing();
                events.add(event);
            }
        }
    };

    private final Logger docverify = context.getLogger("io.docverify");
    private final Level docverifyLevel = docverify.getLevel();
    private final Level threshold;

    private CapturedLogs(Level threshold) {
        this.threshold = threshold;
        if (threshold.levelInt < Level.WARN_INT) {
            docverify.setLevel(threshold);
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        appender.setContext(context);
        appender.setName("captured-" + System.identityHashCode(this));
        appender.start();
        root.addAppender(appender);
    }

    /** Starts capturing WARN and ERROR events. */
    public static CapturedLogs start() {
        return new CapturedLogs(Level.WARN);
    }

    /** Starts capturing from INFO up (docverify's own loggers at INFO meanwhile). */
    public static CapturedLogs atInfo() {
        return new CapturedLogs(Level.INFO);
    }

    /** The events captured so far. */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** The events as the service's text format writes them, stack traces included. */
    public String text() {
        return events.stream().map(e -> new String(encoder.encode(e), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
    }

    /** How many lines {@link #text()} has. */
    public long lines() {
        return text().lines().count();
    }

    /** True if an event carries a throwable (a stack trace in the log). */
    public boolean anyStackTrace() {
        return events.stream().anyMatch(e -> e.getThrowableProxy() != null);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        docverify.setLevel(docverifyLevel);
        appender.stop();
    }
}
