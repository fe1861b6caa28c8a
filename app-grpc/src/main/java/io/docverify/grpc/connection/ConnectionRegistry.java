package io.docverify.grpc.connection;

import io.docverify.grpc.logging.LogBudget;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open client connections of one server, by remote address (unique among open TCP connections to one
 * listening socket), oldest first. It enforces the connection cap ({@code DOCVERIFY_MAX_CONNECTIONS}), which
 * grpc-java does not have: at the cap, a new connection closes the oldest connection that has not started a call
 * yet (a silent or preface-only socket: they cost a file descriptor and do nothing), or, when every connection is
 * in use, is closed itself at once. A health probe, which starts its call within milliseconds of connecting,
 * therefore still gets in while an attacker's idle sockets fill the cap. It can also close the connection a call
 * came from ({@link #close}), which grpc-java does not offer to interceptors.
 */
public final class ConnectionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRegistry.class);

    private final int cap;
    private final LogBudget capReached = new LogBudget(1, Duration.ofSeconds(10));
    // Guarded by this; insertion order is connection age.
    private final Map<SocketAddress, Entry> open = new LinkedHashMap<>();

    private static final class Entry {
        final Channel channel;
        volatile boolean used;

        Entry(Channel channel) {
            this.channel = channel;
        }
    }

    public ConnectionRegistry(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1");
        }
        this.cap = cap;
    }

    /**
     * Admits a just-accepted connection, evicting the oldest unused one at the cap; false if the cap is reached
     * and every connection is in use (the caller closes the new connection).
     */
    boolean admit(Channel child) {
        SocketAddress remote = child.remoteAddress();
        if (remote == null) {
            return false; // already closed by the peer
        }
        Channel evicted = null;
        var entry = new Entry(child);
        synchronized (this) {
            if (open.size() >= cap) {
                evicted = evictOldestUnused();
                if (evicted == null) {
                    logCapReached("refused");
                    return false;
                }
            }
            open.put(remote, entry);
        }
        child.closeFuture().addListener(f -> remove(remote, entry));
        if (evicted != null) {
            logCapReached("closedUnused");
            closeNow(evicted);
        }
        return true;
    }

    private Channel evictOldestUnused() {
        for (Iterator<Entry> it = open.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (!e.used) {
                it.remove();
                return e.channel;
            }
        }
        return null;
    }

    private synchronized void remove(SocketAddress remote, Entry entry) {
        open.remove(remote, entry);
    }

    /** Records that the connection from {@code remote} has started a call; it is no longer evicted at the cap. */
    public void markUsed(SocketAddress remote) {
        Entry e;
        synchronized (this) {
            e = remote == null ? null : open.get(remote);
        }
        if (e != null) {
            e.used = true;
        }
    }

    /** Closes the connection from {@code remote}, if it is one of this server's; true if it was. */
    public boolean close(SocketAddress remote) {
        Entry e;
        synchronized (this) {
            e = remote == null ? null : open.get(remote);
        }
        if (e == null) {
            return false;
        }
        // After what is already queued on the connection's event loop (the answer that caused it): gRPC's graceful
        // close (GOAWAY, so a well-behaved client moves its next calls to a new connection), and a second later the
        // socket, whether or not the client answered.
        e.channel.eventLoop().execute(() -> {
            e.channel.close();
            e.channel.eventLoop().schedule(() -> closeNow(e.channel), 1, TimeUnit.SECONDS);
        });
        return true;
    }

    /**
     * Closes the socket now: from the first handler, below gRPC's, whose close is a graceful shutdown that waits
     * for the client to answer a PING (up to 10 s), which a hostile client never does.
     */
    private static void closeNow(Channel channel) {
        var watch = channel.pipeline().context(ConnectionWatch.NAME);
        if (watch != null) {
            watch.close();
        } else {
            channel.close();
        }
    }

    /** Connections open now. */
    public synchronized int size() {
        return open.size();
    }

    /** The cap. */
    public int cap() {
        return cap;
    }

    private void logCapReached(String action) {
        long count = capReached.takeCounting();
        if (count > 0) {
            LOG.atWarn().addKeyValue("event", "connection.capReached").addKeyValue("action", action)
                    .addKeyValue("maxConnections", cap).addKeyValue("count", count)
                    .log("connection cap (DOCVERIFY_MAX_CONNECTIONS) reached; new connections close unused ones or"
                            + " are closed");
        }
    }
}
