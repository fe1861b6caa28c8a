package io.docverify.grpc.security;

import io.docverify.grpc.logging.LogBudget;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.ServerCall;
import io.grpc.ServerTransportFilter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens after a refused API key: a WARN at most once per remote address per interval, with the number of
 * refusals since the last one (never the key), and after {@code maxPerConnection} refusals on one connection the
 * server closes that connection, so a client guessing keys pays a new connection (and its handshake) every few
 * tries. The count lives in the connection's transport attributes ({@link #transportFilter()}), so it ends with
 * the connection.
 */
public final class AuthFailures {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailures.class);
    private static final Attributes.Key<AtomicInteger> REFUSED = Attributes.Key.create("docverify.refusedKeys");
    /** Addresses remembered for the log limit; beyond, the memory starts over (an address flood is one line each). */
    private static final int MAX_ADDRESSES = 10_000;

    private final int maxPerConnection;
    private final Duration logInterval;
    private final Predicate<SocketAddress> closeConnection;
    private final Map<String, LogBudget> refusalsLog = new ConcurrentHashMap<>();
    private final Map<String, LogBudget> closesLog = new ConcurrentHashMap<>();
    private final boolean quiet;

    /**
     * @param closeConnection closes the connection from that remote address; false if it cannot (in-process)
     */
    public AuthFailures(int maxPerConnection, Duration logInterval, Predicate<SocketAddress> closeConnection) {
        this(maxPerConnection, logInterval, closeConnection, false);
    }

    private AuthFailures(int maxPerConnection, Duration logInterval, Predicate<SocketAddress> closeConnection,
            boolean quiet) {
        this.quiet = quiet;
        if (maxPerConnection < 1) {
            throw new IllegalArgumentException("maxPerConnection must be at least 1");
        }
        this.maxPerConnection = maxPerConnection;
        this.logInterval = Objects.requireNonNull(logInterval, "logInterval");
        this.closeConnection = Objects.requireNonNull(closeConnection, "closeConnection");
    }

    /** Logs nothing and closes nothing: for servers built without a connection layer. */
    public static AuthFailures ignored() {
        return new AuthFailures(Integer.MAX_VALUE, Duration.ofDays(1), a -> false, true);
    }

    /** Gives every connection its refusal count. */
    public ServerTransportFilter transportFilter() {
        return new ServerTransportFilter() {
            @Override
            public Attributes transportReady(Attributes attributes) {
                return attributes.toBuilder().set(REFUSED, new AtomicInteger()).build();
            }
        };
    }

    /** Records that {@code call} was refused for {@code reason} (a fixed description, never the key). */
    public void refused(ServerCall<?, ?> call, String reason) {
        if (quiet) {
            return;
        }
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String address = host(remote);
        long toLog = limiter(refusalsLog, address).takeCounting();
        if (toLog > 0) {
            LOG.atWarn().addKeyValue("event", "auth.refused").addKeyValue("remote", address)
                    .addKeyValue("count", toLog).addKeyValue("reason", reason)
                    .addKeyValue("method", call.getMethodDescriptor().getFullMethodName())
                    .log("API key refused");
        }
        AtomicInteger onConnection = call.getAttributes().get(REFUSED);
        if (onConnection != null && onConnection.incrementAndGet() == maxPerConnection
                && closeConnection.test(remote)) {
            long closes = limiter(closesLog, address).takeCounting();
            if (closes > 0) {
                LOG.atWarn().addKeyValue("event", "auth.connectionClosed").addKeyValue("remote", address)
                        .addKeyValue("count", closes).addKeyValue("refusedPerConnection", maxPerConnection)
                        .log("connection closed after repeated refused API keys");
            }
        }
    }

    private LogBudget limiter(Map<String, LogBudget> log, String address) {
        if (log.size() >= MAX_ADDRESSES && !log.containsKey(address)) {
            log.clear();
        }
        return log.computeIfAbsent(address, a -> new LogBudget(1, logInterval));
    }

    private static String host(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }
}
