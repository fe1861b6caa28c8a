package io.docverify.grpc.connection;

import io.docverify.grpc.logging.LogBudget;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelDuplexHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelOutboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelPromise;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every client connection: it remembers why the connection failed, and logs that once, when
 * the connection closes. grpc-java handles connection errors itself (a GOAWAY with an error code and a reason,
 * then the close) and reports them only at FINE, so a connection the server ends for running out of memory, a
 * client over the RST_STREAM limit or a broken socket vanished without a word. Two sources of a reason:
 * exceptions raised below the HTTP/2 handler (socket errors, failed buffer allocations), and the GOAWAY frames the
 * HTTP/2 handler writes with an error code (read from the frame as Netty's frame writer writes it: a 17-byte
 * header buffer, then the debug data). Connections that close normally are not logged; a flood of failures of one
 * kind is one line per 10 s with their count.
 */
final class ConnectionWatch extends ChannelDuplexHandler {
    /** Its name in the connection's pipeline. */
    static final String NAME = "docverify-connection-watch";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWatch.class);
    private static final int GOAWAY_HEADER_BYTES = 17;
    private static final byte GOAWAY = 0x7;
    private static final int MAX_REASON_CHARS = 160;

    private final FailureLog log;
    private String failure;
    private boolean peerFailure;
    private long goAwayCode;
    private String goAwayReason;
    private boolean goAwaySnifferAdded;

    ConnectionWatch(FailureLog log) {
        this.log = log;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (failure == null) {
            failure = describe(cause);
            peerFailure = cause instanceof IOException;
        }
        super.exceptionCaught(ctx, cause);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!goAwaySnifferAdded) {
            // Below TLS the frames are encrypted: read them just below the HTTP/2 handler, once it is installed.
            ChannelHandlerContext http2 = ctx.pipeline().context(Http2ConnectionHandler.class);
            if (http2 != null) {
                goAwaySnifferAdded = true;
                ctx.pipeline().addBefore(http2.name(), "docverify-goaway-watch", new GoAwaySniffer());
            }
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        if (failure == null && goAwayCode == 0) {
            return;
        }
        String goAway = null;
        if (goAwayCode != 0) {
            Http2Error error = Http2Error.valueOf(goAwayCode);
            goAway = error == null ? String.valueOf(goAwayCode) : error.name();
        }
        String kind = goAway != null ? goAway : failure.split(":", 2)[0];
        long count = log.count(kind);
        if (count == 0) {
            return;
        }
        var line = (peerFailure && goAway == null ? LOG.atInfo() : LOG.atWarn())
                .addKeyValue("event", "connection.failed")
                .addKeyValue("remote", String.valueOf(ctx.channel().remoteAddress()));
        if (goAway != null) {
            line = line.addKeyValue("goAway", goAway)
                    .addKeyValue("reason", goAwayReason == null || goAwayReason.isEmpty() ? "-" : goAwayReason);
        }
        if (failure != null) {
            line = line.addKeyValue("error", failure);
        }
        line.addKeyValue("count", count).log("connection closed after an error");
    }

    /**
     * Rate limits the lines per kind of failure (a GOAWAY code or an exception type): at most one per interval,
     * with the number of connections that failed that way since the last line.
     */
    static final class FailureLog {
        private final java.util.concurrent.ConcurrentHashMap<String, LogBudget> counts =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final java.time.Duration interval;

        FailureLog(java.time.Duration interval) {
            this.interval = interval;
        }

        long count(String kind) {
            if (counts.size() > 64 && !counts.containsKey(kind)) {
                kind = "other";
            }
            return counts.computeIfAbsent(kind, k -> new LogBudget(1, interval)).takeCounting();
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return sanitize(cause.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    /** Printable ASCII, no quotes, bounded: a reason may come from the peer. */
    static String sanitize(String text) {
        var out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_REASON_CHARS; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return out.toString();
    }

    /** Reads the GOAWAY frames the HTTP/2 handler writes. */
    private final class GoAwaySniffer extends ChannelOutboundHandlerAdapter {
        private boolean debugDataNext;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof ByteBuf buf) {
                if (debugDataNext) {
                    debugDataNext = false;
                    if (goAwayReason == null) {
                        int length = Math.min(buf.readableBytes(), MAX_REASON_CHARS);
                        goAwayReason = sanitize(buf.toString(buf.readerIndex(), length, StandardCharsets.US_ASCII));
                    }
                } else if (isGoAwayHeader(buf)) {
                    long code = buf.getUnsignedInt(buf.readerIndex() + 13);
                    debugDataNext = true;
                    if (code != 0 && goAwayCode == 0) {
                        goAwayCode = code;
                    }
                }
            }
            super.write(ctx, msg, promise);
        }

        private static boolean isGoAwayHeader(ByteBuf buf) {
            int at = buf.readerIndex();
            return buf.readableBytes() == GOAWAY_HEADER_BYTES
                    && buf.getUnsignedMedium(at) >= 8 // payload: last stream id, error code, debug data
                    && buf.getByte(at + 3) == GOAWAY
                    && buf.getInt(at + 5) == 0; // on the connection, not a stream
        }
    }
}
