package io.docverify.grpc;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;

/** The package-private parts of {@link LogConfiguration} that tests in other packages use. */
public final class LogConfigurationAccess {
    private LogConfigurationAccess() {
    }

    /**
     * Installs the service's filter for the transport's log lines on {@code context} (as the service's own
     * configuration does); returns what removes it again.
     */
    public static Runnable installTransportFilter(LoggerContext context) {
        var filter = LogConfiguration.installTransportFilter(context);
        return () -> {
            context.getTurboFilterList().remove(filter);
            filter.stop();
        };
    }

    /** The service's text encoder. */
    public static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        return LogConfiguration.encoder(context, "text");
    }

    /** The appender with the current span's ids in each event's MDC, as the service wraps its console. */
    public static ch.qos.logback.core.Appender<ILoggingEvent> withTraceIds(LoggerContext context,
            ch.qos.logback.core.Appender<ILoggingEvent> appender) {
        return LogConfiguration.withTraceIds(context, appender);
    }
}
