package io.docverify.grpc;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;

/** The package-private parts of {@link LogConfiguration} that tests in other packages use. */
public final class LogConfigurationAccess {
    private LogConfigurationAccess() {
    }

    /** The service's text encoder. */
    public static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        return LogConfiguration.encoder(context, "text");
    }
}
