package io.docverify.grpc.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The limits of the connection layer (HTTP/2 and TCP): what one connection may hold and how long connections that
 * do nothing are kept. Each is grpc-java's or Netty's own setting except the connection cap and the refused-key
 * limit, which grpc-java does not have. A duration of {@code 0} or {@code off} turns a time limit off.
 *
 * @param maxConnections            {@code DOCVERIFY_MAX_CONNECTIONS}: open connections at once; default 1,000, or
 *                                  fewer if the process's open-file limit leaves less than 128 descriptors for
 *                                  everything else. At the cap a new connection closes the oldest connection that
 *                                  has not started a call yet (silent sockets first), or is itself closed at once
 * @param maxCallsPerConnection     {@code DOCVERIFY_MAX_CALLS_PER_CONNECTION}: HTTP/2 streams one connection may
 *                                  have open (SETTINGS_MAX_CONCURRENT_STREAMS), default 16; clients queue the rest
 * @param flowControlWindow         {@code DOCVERIFY_FLOW_CONTROL_WINDOW}: bytes a client may send ahead, per stream
 *                                  and per connection (HTTP/2 flow control, fixed: no window growth), default
 *                                  262,144 (256 KiB): with 64 upload slots this fits a 128 MiB JVM
 * @param handshakeTimeout          {@code DOCVERIFY_HANDSHAKE_TIMEOUT}: time from accepting a connection to the
 *                                  client's HTTP/2 preface and SETTINGS (and TLS handshake), default 10s
 * @param idleTimeout               {@code DOCVERIFY_CONNECTION_IDLE_TIMEOUT}: a connection without calls for this
 *                                  long is closed (GOAWAY), default 2m
 * @param maxConnectionAge          {@code DOCVERIFY_MAX_CONNECTION_AGE}: a connection is asked to close (GOAWAY)
 *                                  after this long, so clients rebalance; default 30m
 * @param maxConnectionAgeGrace     {@code DOCVERIFY_MAX_CONNECTION_AGE_GRACE}: calls in flight on an aged
 *                                  connection may finish for this long, default 6m (longer than the default
 *                                  upload timeout)
 * @param keepAliveTime             {@code DOCVERIFY_KEEPALIVE_TIME}: the server pings a connection silent for this
 *                                  long, default 2m
 * @param keepAliveTimeout          {@code DOCVERIFY_KEEPALIVE_TIMEOUT}: and closes it if the ping is not answered
 *                                  in this long, default 20s
 * @param permitKeepAliveTime       {@code DOCVERIFY_PERMIT_KEEPALIVE_TIME}: a client may ping at most this often,
 *                                  default 1m (more often: GOAWAY ENHANCE_YOUR_CALM)
 * @param maxRstFrames              {@code DOCVERIFY_MAX_RST_FRAMES}: RST_STREAM frames a client may send on one
 *                                  connection per {@code rstFramesWindow}, default 2,000 or twice
 *                                  {@code maxCallsPerConnection} if that is more (a client cancelling every stream
 *                                  it has open, twice, stays under it; the rapid-reset attack sends thousands a
 *                                  second); never below {@code maxCallsPerConnection}; more closes the connection
 *                                  (GOAWAY ENHANCE_YOUR_CALM), the HTTP/2 rapid-reset defence
 * @param rstFramesWindow           {@code DOCVERIFY_RST_FRAMES_WINDOW}: whole seconds, default 10s
 * @param maxAuthFailures           {@code DOCVERIFY_MAX_AUTH_FAILURES_PER_CONNECTION}: refused API keys on one
 *                                  connection before the server closes it, default 10
 * @param authFailureLogInterval    {@code DOCVERIFY_AUTH_FAILURE_LOG_INTERVAL}: at most one WARN per remote address
 *                                  per interval about refused keys, with their count, default 10s
 */
public record ConnectionSettings(int maxConnections, int maxCallsPerConnection, int flowControlWindow,
        Duration handshakeTimeout, Duration idleTimeout, Duration maxConnectionAge, Duration maxConnectionAgeGrace,
        Duration keepAliveTime, Duration keepAliveTimeout, Duration permitKeepAliveTime, int maxRstFrames,
        Duration rstFramesWindow, int maxAuthFailures, Duration authFailureLogInterval) {

    /** The largest connection cap by default. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** Open files kept free for everything but client connections (jars, logs, the metrics port, Dwolla). */
    static final int RESERVED_FILE_DESCRIPTORS = 128;

    static final String MAX_CONNECTIONS = "DOCVERIFY_MAX_CONNECTIONS";
    static final String MAX_CALLS = "DOCVERIFY_MAX_CALLS_PER_CONNECTION";
    static final String WINDOW = "DOCVERIFY_FLOW_CONTROL_WINDOW";
    static final String HANDSHAKE = "DOCVERIFY_HANDSHAKE_TIMEOUT";
    static final String IDLE = "DOCVERIFY_CONNECTION_IDLE_TIMEOUT";
    static final String AGE = "DOCVERIFY_MAX_CONNECTION_AGE";
    static final String AGE_GRACE = "DOCVERIFY_MAX_CONNECTION_AGE_GRACE";
    static final String KEEPALIVE = "DOCVERIFY_KEEPALIVE_TIME";
    static final String KEEPALIVE_TIMEOUT = "DOCVERIFY_KEEPALIVE_TIMEOUT";
    static final String PERMIT_KEEPALIVE = "DOCVERIFY_PERMIT_KEEPALIVE_TIME";
    static final String MAX_RST = "DOCVERIFY_MAX_RST_FRAMES";
    static final String RST_WINDOW = "DOCVERIFY_RST_FRAMES_WINDOW";
    static final String MAX_AUTH_FAILURES = "DOCVERIFY_MAX_AUTH_FAILURES_PER_CONNECTION";
    static final String AUTH_LOG = "DOCVERIFY_AUTH_FAILURE_LOG_INTERVAL";

    /** The settings read here. */
    static final Set<String> NAMES = Set.of(MAX_CONNECTIONS, MAX_CALLS, WINDOW, HANDSHAKE, IDLE, AGE, AGE_GRACE,
            KEEPALIVE, KEEPALIVE_TIMEOUT, PERMIT_KEEPALIVE, MAX_RST, RST_WINDOW, MAX_AUTH_FAILURES, AUTH_LOG);

    public ConnectionSettings {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxConnectionAge, "maxConnectionAge");
        Objects.requireNonNull(maxConnectionAgeGrace, "maxConnectionAgeGrace");
        Objects.requireNonNull(keepAliveTime, "keepAliveTime");
        Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
        Objects.requireNonNull(permitKeepAliveTime, "permitKeepAliveTime");
        Objects.requireNonNull(rstFramesWindow, "rstFramesWindow");
        Objects.requireNonNull(authFailureLogInterval, "authFailureLogInterval");
        atLeast(MAX_CONNECTIONS, maxConnections, 1);
        atLeast(MAX_CALLS, maxCallsPerConnection, 1);
        // HTTP/2's own bounds for a window (RFC 9113 6.9.2); below 64 KiB uploads crawl.
        if (flowControlWindow < 65_535 || flowControlWindow > Integer.MAX_VALUE - 1) {
            throw new ConfigException(WINDOW + " must be 65535 to 2147483646 bytes, not " + flowControlWindow);
        }
        atLeast(MAX_RST, maxRstFrames, 1);
        if (maxRstFrames < maxCallsPerConnection) {
            throw new ConfigException(MAX_RST + " (" + maxRstFrames + ") must be at least " + MAX_CALLS + " ("
                    + maxCallsPerConnection + "): a client that cancels the streams it may have open at once would"
                    + " be cut off as an attacker");
        }
        if (rstFramesWindow.isZero() || rstFramesWindow.toMillis() % 1000 != 0) {
            throw new ConfigException(RST_WINDOW + " must be a whole number of seconds, not " + rstFramesWindow);
        }
        atLeast(MAX_AUTH_FAILURES, maxAuthFailures, 1);
        if (handshakeTimeout.isZero()) {
            throw new ConfigException(HANDSHAKE + " must be more than 0 (a connection must not wait for ever)");
        }
        for (var d : Map.of(HANDSHAKE, handshakeTimeout, IDLE, idleTimeout, AGE, maxConnectionAge, AGE_GRACE,
                maxConnectionAgeGrace, KEEPALIVE, keepAliveTime, KEEPALIVE_TIMEOUT, keepAliveTimeout,
                PERMIT_KEEPALIVE, permitKeepAliveTime, AUTH_LOG, authFailureLogInterval).entrySet()) {
            if (d.getValue().isNegative()) {
                throw new ConfigException(d.getKey() + " must not be negative, not " + d.getValue());
            }
        }
    }

    /**
     * The RST_STREAM frames a client may send per window unless set: 2,000, or twice the streams it may have open at
     * once if that is more, so that a client may cancel all its streams, open as many again and cancel those too
     * within one window. (A client sends one RST_STREAM per cancelled stream; grpc-java counts every one it reads.)
     */
    static int defaultMaxRstFrames(int maxCallsPerConnection) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(2000L, 2L * maxCallsPerConnection));
    }

    /** The defaults. */
    public static ConnectionSettings defaults() {
        return read(Map.of());
    }

    /** Reads the settings from already merged settings; every error names its setting. */
    static ConnectionSettings read(Map<String, String> s) {
        int maxCalls = integer(s, MAX_CALLS, 16);
        return new ConnectionSettings(
                integer(s, MAX_CONNECTIONS, defaultMaxConnections(openFileLimit())),
                maxCalls,
                integer(s, WINDOW, 256 * 1024),
                duration(s, HANDSHAKE, Duration.ofSeconds(10)),
                duration(s, IDLE, Duration.ofMinutes(2)),
                duration(s, AGE, Duration.ofMinutes(30)),
                duration(s, AGE_GRACE, Duration.ofMinutes(6)),
                duration(s, KEEPALIVE, Duration.ofMinutes(2)),
                duration(s, KEEPALIVE_TIMEOUT, Duration.ofSeconds(20)),
                duration(s, PERMIT_KEEPALIVE, Duration.ofMinutes(1)),
                integer(s, MAX_RST, defaultMaxRstFrames(maxCalls)),
                duration(s, RST_WINDOW, Duration.ofSeconds(10)),
                integer(s, MAX_AUTH_FAILURES, 10),
                duration(s, AUTH_LOG, Duration.ofSeconds(10)));
    }

    /** The same settings with another connection cap. */
    public ConnectionSettings withMaxConnections(int value) {
        return new ConnectionSettings(value, maxCallsPerConnection, flowControlWindow, handshakeTimeout, idleTimeout,
                maxConnectionAge, maxConnectionAgeGrace, keepAliveTime, keepAliveTimeout, permitKeepAliveTime,
                maxRstFrames, rstFramesWindow, maxAuthFailures, authFailureLogInterval);
    }

    /** The default cap: {@link #DEFAULT_MAX_CONNECTIONS}, or what the open-file limit leaves (at least 16). */
    static int defaultMaxConnections(long openFileLimit) {
        if (openFileLimit <= 0) {
            return DEFAULT_MAX_CONNECTIONS;
        }
        return (int) Math.max(16, Math.min(DEFAULT_MAX_CONNECTIONS, openFileLimit - RESERVED_FILE_DESCRIPTORS));
    }

    /** The process's open-file limit, or -1 where the JVM cannot tell. */
    public static long openFileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount();
        }
        return -1;
    }

    private static void atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new ConfigException(name + " must be at least " + minimum + ", not " + value);
        }
    }

    private static int integer(Map<String, String> s, String name, int fallback) {
        return ConfigReader.get(s, name).map(v -> ConfigReader.integer(name, v)).orElse(fallback);
    }

    private static Duration duration(Map<String, String> s, String name, Duration fallback) {
        return ConfigReader.get(s, name).map(v -> ConfigReader.duration(name, v)).orElse(fallback);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[maxConnections=" + maxConnections + ", maxCallsPerConnection="
                + maxCallsPerConnection + ", flowControlWindow=" + flowControlWindow + ", handshakeTimeout="
                + handshakeTimeout + ", idleTimeout=" + idleTimeout + ", maxConnectionAge=" + maxConnectionAge
                + ", maxConnectionAgeGrace=" + maxConnectionAgeGrace + ", keepAliveTime=" + keepAliveTime
                + ", keepAliveTimeout=" + keepAliveTimeout + ", permitKeepAliveTime=" + permitKeepAliveTime
                + ", maxRstFrames=" + maxRstFrames + "/" + rstFramesWindow + ", maxAuthFailures=" + maxAuthFailures
                + ", authFailureLogInterval=" + authFailureLogInterval + "]";
    }
}
