package io.docverify.grpc.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/**
 * Vert.x's ERROR for a peer's reset on a connection is dropped (the request on it fails and is reported where it is
 * handled); its other errors, and the same words from any other logger, are kept.
 */
class VertxConnectionNoiseTest {
    private final LoggerContext context = new LoggerContext();
    private final TransportNoiseFilter filter = new TransportNoiseFilter();

    private FilterReply decide(String logger, String message, Throwable t) {
        return filter.decide(null, context.getLogger(logger), Level.ERROR, message, null, t);
    }

    @Test
    void aPeersResetOrBrokenPipeIsDroppedAsVertxLogsItWithOrWithoutTheException() {
        String vertx = TransportNoiseFilter.VERTX_CONNECTION;
        assertThat(decide(vertx, "Connection reset", null)).isEqualTo(FilterReply.DENY);
        assertThat(decide(vertx, "Connection reset by peer", null)).isEqualTo(FilterReply.DENY);
        assertThat(decide(vertx, "Broken pipe", null)).isEqualTo(FilterReply.DENY);
        assertThat(decide(vertx, "Connection reset", new SocketException("Connection reset")))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide(vertx, "anything", new IOException("recvAddress(..) failed"))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void vertxsOtherConnectionErrorsAndOtherLoggersAreKept() {
        String vertx = TransportNoiseFilter.VERTX_CONNECTION;
        assertThat(decide(vertx, "Unhandled exception", null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(vertx, "Connection reset", new IllegalStateException("a bug")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(vertx, "Connection reset while the pool was closing", null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("io.docverify.adapter.dwolla.Resilience", "Connection reset", null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
