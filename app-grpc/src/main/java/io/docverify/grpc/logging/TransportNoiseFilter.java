package io.docverify.grpc.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Turns the transport's stack traces for a client's mistakes into one line. Netty and gRPC's Netty handler log a
 * WARN with a 15-50 line stack trace when a client sends headers the server refuses (a malformed
 * {@code grpc-timeout}), a message over the inbound limit, or another HTTP/2 protocol error: the client gets its
 * error, and the stack trace says nothing an operator can act on. This filter drops such an event and logs instead
 * one line, logger {@value #LOGGER}, {@code event=transport.refused}, with the original logger, message and the
 * error's class and (truncated) message, within a {@link LogBudget}; when one mistake is logged twice (gRPC's
 * "Exception in onHeadersRead()" and then Netty's "Stream Error" for the same cause) the second is dropped.
 *
 * <p>Only events of the transport's loggers ({@code io.grpc.netty...}, {@code io.netty...}) whose throwable is a
 * client's kind of failure (an HTTP/2 exception, a gRPC status, an illegal argument such as an unparsable header,
 * an I/O error of the connection) are changed; anything else (a bug: a NullPointerException, an Error) keeps its
 * stack trace.
 *
 * <p>Vert.x's ERROR for a peer's reset or broken pipe on a connection ({@value #VERTX_CONNECTION}: "Connection
 * reset", or the I/O exception itself at DEBUG) is dropped: the request on that connection fails with it too, and is
 * reported where it is handled. Its other errors are kept.
 */
public final class TransportNoiseFilter extends TurboFilter {
    /** The logger of the one-line replacements. */
    public static final String LOGGER = "io.docverify.grpc.transport";
    private static final int MAX_TEXT = 160;
    /** Vert.x's logger for failures of a connection nobody handled. */
    static final String VERTX_CONNECTION = "io.vertx.core.net.impl.ConnectionBase";
    /**
     * What Vert.x's line says of a peer's reset or close when it logs only the message (it passes the exception
     * only at DEBUG).
     */
    private static final java.util.regex.Pattern PEER_CLOSED = java.util.regex.Pattern.compile(
            "(?i)^(connection reset( by peer)?|broken pipe)$");

    private final LogBudget budget = new LogBudget(10, Duration.ofMinutes(1));
    private final ThreadLocal<WeakReference<Throwable>> lastCause = new ThreadLocal<>();

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        // Level first: a turbo filter sees every logging call, the disabled DEBUG ones of hot paths too.
        if (level == Level.ERROR && logger.getName().equals(VERTX_CONNECTION) && (t instanceof IOException
                || t == null && format != null && PEER_CLOSED.matcher(format).find())) {
            // A peer's reset or broken pipe on a Vert.x connection (Dwolla resetting the adapter's connection):
            // Vert.x logs it at ERROR, though the request on that connection fails with the same error and its owner
            // reports it (the adapter's retry line, the intake's answer). Nothing to page anyone for: dropped.
            return FilterReply.DENY;
        }
        if (t == null || level == null || !level.isGreaterOrEqual(Level.WARN) || !transport(logger.getName())
                || !clientKind(t)) {
            return FilterReply.NEUTRAL;
        }
        Throwable root = root(t);
        WeakReference<Throwable> last = lastCause.get();
        if (last != null && last.get() == root) {
            return FilterReply.DENY; // the same mistake, logged a second time by another layer
        }
        lastCause.set(new WeakReference<>(root));
        long dropped = budget.take();
        if (dropped >= 0) {
            var line = logger.getLoggerContext().getLogger(LOGGER).atWarn().addKeyValue("event", "transport.refused")
                    .addKeyValue("source", logger.getName().substring(logger.getName().lastIndexOf('.') + 1))
                    .addKeyValue("error", root.getClass().getSimpleName() + ": " + shorten(root.getMessage()));
            if (dropped > 0) {
                line = line.addKeyValue("suppressed", dropped);
            }
            String message = format == null ? "" : MessageFormatter.arrayFormat(format, params).getMessage();
            line.log("a client's request refused by the transport: " + shorten(message));
        }
        return FilterReply.DENY;
    }

    private static boolean transport(String name) {
        return name.startsWith("io.grpc.netty") || name.startsWith("io.netty");
    }

    /** True if a failure in the chain is the kind a client causes rather than a bug of the server. */
    private static boolean clientKind(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String name = c.getClass().getName();
            if (name.endsWith(".Http2Exception") || name.contains(".Http2Exception$")
                    || c instanceof io.grpc.StatusRuntimeException || c instanceof io.grpc.StatusException
                    || c instanceof IllegalArgumentException || c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable root(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_TEXT ? line : line.substring(0, MAX_TEXT) + "...";
    }
}
