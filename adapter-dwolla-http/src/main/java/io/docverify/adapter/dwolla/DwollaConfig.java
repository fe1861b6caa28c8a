package io.docverify.adapter.dwolla;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the Dwolla adapter needs: where Dwolla is, the application's credentials, and every resilience knob.
 * Build it with {@link #builder()} (the defaults are Dwolla-friendly: see the README, "Dwolla adapter:
 * configuration and guarantees") or read it from environment variables with {@link #fromEnvironment(Map)}.
 *
 * <p>{@link #toString()} never shows the secret.
 *
 * @param baseUrl               Dwolla's API root: the environment's, or any URL (a proxy, a local test server)
 * @param key                   the application key (client id)
 * @param secret                the application secret; never logged
 * @param connectTimeout        TCP/TLS connect time limit
 * @param readTimeout           time limit of one attempt of a read (token, get, list)
 * @param uploadTimeout         time limit of one attempt of an upload (create)
 * @param tokenRefreshMargin    a token is renewed this long before Dwolla's {@code expires_in} runs out
 * @param maxAttempts           attempts per call, the first included (1: no retry)
 * @param retryInitialBackoff   wait before the second attempt; doubles (times {@code retryMultiplier}) after
 * @param retryMultiplier       growth of the wait between attempts
 * @param retryJitter           randomisation of each wait, 0 (none) to below 1 (plus or minus that fraction)
 * @param retryMaxBackoff       longest wait between two attempts
 * @param maxRetryAfter         longest {@code Retry-After} (or 429 pause) waited out inside one call; a longer
 *                              one fails the call with {@code TooManyRequests} at once
 * @param circuitFailureRate    failure percentage (5xx, unreachable, timeouts) that opens the circuit breaker
 * @param circuitWindow         calls in the circuit breaker's sliding window
 * @param circuitMinCalls       calls needed before the failure rate counts
 * @param circuitOpenDuration   how long an open circuit refuses calls before it lets a few through
 * @param circuitHalfOpenCalls  trial calls in the half-open state
 * @param rateLimitPerSecond    client-side limit of requests started per second (all operations)
 * @param rateLimitMaxWait      longest wait for a rate-limiter permit; beyond it {@code TooManyRequests}
 * @param maxConcurrentUploads  uploads held in memory and sent at the same time (each holds at most one copy
 *                              of its file, up to 10 MiB); more are refused at once with {@code TooManyRequests}
 * @param maxConnections        HTTP connection pool size
 * @param lookupClockSkew       tolerance between this machine's clock and Dwolla's when the adapter looks for
 *                              the first attempt of an upload whose answer was lost
 */
public record DwollaConfig(
        URI baseUrl,
        String key,
        String secret,
        Duration connectTimeout,
        Duration readTimeout,
        Duration uploadTimeout,
        Duration tokenRefreshMargin,
        int maxAttempts,
        Duration retryInitialBackoff,
        double retryMultiplier,
        double retryJitter,
        Duration retryMaxBackoff,
        Duration maxRetryAfter,
        float circuitFailureRate,
        int circuitWindow,
        int circuitMinCalls,
        Duration circuitOpenDuration,
        int circuitHalfOpenCalls,
        int rateLimitPerSecond,
        Duration rateLimitMaxWait,
        int maxConcurrentUploads,
        int maxConnections,
        Duration lookupClockSkew) {

    /** Dwolla's two environments. */
    public enum Environment {
        /** {@code https://api-sandbox.dwolla.com} */
        SANDBOX("https://api-sandbox.dwolla.com"),
        /** {@code https://api.dwolla.com} */
        PRODUCTION("https://api.dwolla.com");

        private final URI baseUrl;

        Environment(String baseUrl) {
            this.baseUrl = URI.create(baseUrl);
        }

        /** The environment's API root. */
        public URI baseUrl() {
            return baseUrl;
        }

        static Environment parse(String name, String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "sandbox" -> SANDBOX;
                case "production" -> PRODUCTION;
                default -> throw new IllegalArgumentException(
                        name + " must be 'sandbox' or 'production', not '" + value + "'");
            };
        }
    }

    public DwollaConfig {
        baseUrl = validBaseUrl(baseUrl);
        requireText(key, "key");
        requireText(secret, "secret");
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        positive(uploadTimeout, "uploadTimeout");
        notNegative(tokenRefreshMargin, "tokenRefreshMargin");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        positive(retryInitialBackoff, "retryInitialBackoff");
        if (!(retryMultiplier >= 1.0)) {
            throw new IllegalArgumentException("retryMultiplier must be at least 1: " + retryMultiplier);
        }
        if (!(retryJitter >= 0.0 && retryJitter < 1.0)) {
            throw new IllegalArgumentException("retryJitter must be in [0, 1): " + retryJitter);
        }
        positive(retryMaxBackoff, "retryMaxBackoff");
        if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
            throw new IllegalArgumentException("retryMaxBackoff must not be below retryInitialBackoff");
        }
        notNegative(maxRetryAfter, "maxRetryAfter");
        if (!(circuitFailureRate > 0 && circuitFailureRate <= 100)) {
            throw new IllegalArgumentException("circuitFailureRate must be in (0, 100]: " + circuitFailureRate);
        }
        atLeastOne(circuitWindow, "circuitWindow");
        atLeastOne(circuitMinCalls, "circuitMinCalls");
        positive(circuitOpenDuration, "circuitOpenDuration");
        atLeastOne(circuitHalfOpenCalls, "circuitHalfOpenCalls");
        atLeastOne(rateLimitPerSecond, "rateLimitPerSecond");
        notNegative(rateLimitMaxWait, "rateLimitMaxWait");
        atLeastOne(maxConcurrentUploads, "maxConcurrentUploads");
        atLeastOne(maxConnections, "maxConnections");
        notNegative(lookupClockSkew, "lookupClockSkew");
    }

    /** A builder with every default set; only the credentials (and the environment or base URL) remain. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The settings {@link #fromEnvironment(Map, String)} reads, named without their prefix. */
    public static final Set<String> SETTINGS = Set.of("ENVIRONMENT", "BASE_URL", "KEY", "SECRET", "CONNECT_TIMEOUT", "READ_TIMEOUT", "UPLOAD_TIMEOUT", "TOKEN_REFRESH_MARGIN", "MAX_ATTEMPTS", "RETRY_INITIAL_BACKOFF", "RETRY_MULTIPLIER", "RETRY_JITTER", "RETRY_MAX_BACKOFF", "MAX_RETRY_AFTER", "CIRCUIT_FAILURE_RATE", "CIRCUIT_WINDOW", "CIRCUIT_MIN_CALLS", "CIRCUIT_OPEN_DURATION", "CIRCUIT_HALF_OPEN_CALLS", "RATE_LIMIT_PER_SECOND", "RATE_LIMIT_MAX_WAIT", "MAX_CONCURRENT_UPLOADS", "MAX_CONNECTIONS", "LOOKUP_CLOCK_SKEW");

    /** Reads {@code DWOLLA_*} variables (see {@link #fromEnvironment(Map, String)}). */
    public static DwollaConfig fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(environment, "DWOLLA_");
    }

    /**
     * Reads the configuration from variables named {@code prefix + NAME}: {@code ENVIRONMENT} ({@code sandbox},
     * the default, or {@code production}), {@code BASE_URL} (wins over the environment), {@code KEY},
     * {@code SECRET}, and each knob ({@code MAX_ATTEMPTS}, {@code READ_TIMEOUT}, ...; the README lists them).
     * Durations are written {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT10S}). An
     * empty value counts as unset. A bad value fails with an {@link IllegalArgumentException} that names the
     * variable (never the secret's value).
     */
    public static DwollaConfig fromEnvironment(Map<String, String> environment, String prefix) {
        return EnvironmentVariables.read(environment, prefix);
    }

    /** The host (and port, when not the scheme's default) that names the circuit breaker. */
    public String host() {
        return baseUrl.getPort() < 0 ? baseUrl.getHost() : baseUrl.getHost() + ":" + baseUrl.getPort();
    }

    @Override
    public String toString() {
        return "DwollaConfig[baseUrl=" + baseUrl + ", key=" + (key.length() > 4 ? key.substring(0, 4) + "…" : "set")
                + ", secret=***"
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", uploadTimeout=" + uploadTimeout + ", tokenRefreshMargin=" + tokenRefreshMargin
                + ", maxAttempts=" + maxAttempts + ", retryInitialBackoff=" + retryInitialBackoff
                + ", retryMultiplier=" + retryMultiplier + ", retryJitter=" + retryJitter
                + ", retryMaxBackoff=" + retryMaxBackoff + ", maxRetryAfter=" + maxRetryAfter
                + ", circuitFailureRate=" + circuitFailureRate + ", circuitWindow=" + circuitWindow
                + ", circuitMinCalls=" + circuitMinCalls + ", circuitOpenDuration=" + circuitOpenDuration
                + ", circuitHalfOpenCalls=" + circuitHalfOpenCalls + ", rateLimitPerSecond=" + rateLimitPerSecond
                + ", rateLimitMaxWait=" + rateLimitMaxWait + ", maxConcurrentUploads=" + maxConcurrentUploads
                + ", maxConnections=" + maxConnections + ", lookupClockSkew=" + lookupClockSkew + "]";
    }

    private static URI validBaseUrl(URI url) {
        Objects.requireNonNull(url, "baseUrl (choose an environment or a base URL)");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null
                || url.getQuery() != null || url.getFragment() != null || url.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    "baseUrl must be an http(s) URL with a host and no query, fragment or user info: " + url);
        }
        String s = url.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : url;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static void notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }

    private static void atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }

    /** Builds a {@link DwollaConfig}; every knob starts at its documented default. */
    public static final class Builder {
        private URI baseUrl = Environment.SANDBOX.baseUrl();
        private String key;
        private String secret;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration uploadTimeout = Duration.ofSeconds(60);
        private Duration tokenRefreshMargin = Duration.ofSeconds(60);
        private int maxAttempts = 5;
        private Duration retryInitialBackoff = Duration.ofMillis(500);
        private double retryMultiplier = 2.0;
        private double retryJitter = 0.5;
        private Duration retryMaxBackoff = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private float circuitFailureRate = 50f;
        private int circuitWindow = 20;
        private int circuitMinCalls = 10;
        private Duration circuitOpenDuration = Duration.ofSeconds(30);
        private int circuitHalfOpenCalls = 3;
        private int rateLimitPerSecond = 20;
        private Duration rateLimitMaxWait = Duration.ofSeconds(5);
        private int maxConcurrentUploads = 16;
        private int maxConnections = 20;
        private Duration lookupClockSkew = Duration.ofMinutes(2);

        private Builder() {
        }

        private Builder(DwollaConfig c) {
            baseUrl = c.baseUrl;
            key = c.key;
            secret = c.secret;
            connectTimeout = c.connectTimeout;
            readTimeout = c.readTimeout;
            uploadTimeout = c.uploadTimeout;
            tokenRefreshMargin = c.tokenRefreshMargin;
            maxAttempts = c.maxAttempts;
            retryInitialBackoff = c.retryInitialBackoff;
            retryMultiplier = c.retryMultiplier;
            retryJitter = c.retryJitter;
            retryMaxBackoff = c.retryMaxBackoff;
            maxRetryAfter = c.maxRetryAfter;
            circuitFailureRate = c.circuitFailureRate;
            circuitWindow = c.circuitWindow;
            circuitMinCalls = c.circuitMinCalls;
            circuitOpenDuration = c.circuitOpenDuration;
            circuitHalfOpenCalls = c.circuitHalfOpenCalls;
            rateLimitPerSecond = c.rateLimitPerSecond;
            rateLimitMaxWait = c.rateLimitMaxWait;
            maxConcurrentUploads = c.maxConcurrentUploads;
            maxConnections = c.maxConnections;
            lookupClockSkew = c.lookupClockSkew;
        }

        /** Dwolla's sandbox (the default) or production. */
        public Builder environment(Environment environment) {
            this.baseUrl = environment.baseUrl();
            return this;
        }

        /** Any API root: a proxy, a local test server. */
        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(baseUrl.trim()));
        }

        /** Any API root: a proxy, a local test server. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /** Default 5 s. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /** Default 10 s per attempt. */
        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        /** Default 60 s per attempt. */
        public Builder uploadTimeout(Duration d) {
            this.uploadTimeout = d;
            return this;
        }

        /** Default 60 s (capped at half a token's lifetime). */
        public Builder tokenRefreshMargin(Duration d) {
            this.tokenRefreshMargin = d;
            return this;
        }

        /** Default 5. */
        public Builder maxAttempts(int n) {
            this.maxAttempts = n;
            return this;
        }

        /** Default 500 ms. */
        public Builder retryInitialBackoff(Duration d) {
            this.retryInitialBackoff = d;
            return this;
        }

        /** Default 2. */
        public Builder retryMultiplier(double m) {
            this.retryMultiplier = m;
            return this;
        }

        /** Default 0.5. */
        public Builder retryJitter(double j) {
            this.retryJitter = j;
            return this;
        }

        /** Default 30 s. */
        public Builder retryMaxBackoff(Duration d) {
            this.retryMaxBackoff = d;
            return this;
        }

        /** Default 60 s. */
        public Builder maxRetryAfter(Duration d) {
            this.maxRetryAfter = d;
            return this;
        }

        /** Default 50 %. */
        public Builder circuitFailureRate(float percent) {
            this.circuitFailureRate = percent;
            return this;
        }

        /** Default 20 calls. */
        public Builder circuitWindow(int calls) {
            this.circuitWindow = calls;
            return this;
        }

        /** Default 10 calls. */
        public Builder circuitMinCalls(int calls) {
            this.circuitMinCalls = calls;
            return this;
        }

        /** Default 30 s. */
        public Builder circuitOpenDuration(Duration d) {
            this.circuitOpenDuration = d;
            return this;
        }

        /** Default 3 calls. */
        public Builder circuitHalfOpenCalls(int calls) {
            this.circuitHalfOpenCalls = calls;
            return this;
        }

        /** Default 20 requests per second. */
        public Builder rateLimitPerSecond(int n) {
            this.rateLimitPerSecond = n;
            return this;
        }

        /** Default 5 s. */
        public Builder rateLimitMaxWait(Duration d) {
            this.rateLimitMaxWait = d;
            return this;
        }

        /** Default 16 uploads (at most 160 MiB of files in memory). */
        public Builder maxConcurrentUploads(int n) {
            this.maxConcurrentUploads = n;
            return this;
        }

        /** Default 20 connections. */
        public Builder maxConnections(int n) {
            this.maxConnections = n;
            return this;
        }

        /** Default 2 minutes. */
        public Builder lookupClockSkew(Duration d) {
            this.lookupClockSkew = d;
            return this;
        }

        public DwollaConfig build() {
            return new DwollaConfig(baseUrl, key, secret, connectTimeout, readTimeout, uploadTimeout,
                    tokenRefreshMargin, maxAttempts, retryInitialBackoff, retryMultiplier, retryJitter,
                    retryMaxBackoff, maxRetryAfter, circuitFailureRate, circuitWindow, circuitMinCalls,
                    circuitOpenDuration, circuitHalfOpenCalls, rateLimitPerSecond, rateLimitMaxWait,
                    maxConcurrentUploads, maxConnections, lookupClockSkew);
        }
    }
}
