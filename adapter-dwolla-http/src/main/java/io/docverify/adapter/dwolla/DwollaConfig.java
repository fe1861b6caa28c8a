package io.docverify.adapter.dwolla;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the Dwolla adapter needs: where Dwolla is, the application's credentials, and every resilience knob,
 * grouped as Resilience4j groups its own configurations: {@link DwollaTimeouts time limits}, {@link DwollaRetry
 * retry}, {@link DwollaCircuitBreaker circuit breaker}, {@link DwollaRateLimit rate limit} and {@link DwollaBulkhead
 * bulkhead}. Build it with {@link #builder()}, whose setters name each knob as its environment variable does
 * ({@code readTimeout} is {@code READ_TIMEOUT}; the defaults are Dwolla-friendly: see the README, "Dwolla adapter:
 * configuration and guarantees"), or read it from environment variables with {@link #fromEnvironment(Map)}.
 *
 * <p>{@link #toString()} never shows the secret.
 *
 * @param baseUrl            Dwolla's API root: the environment's, or any URL (a proxy, a local test server)
 * @param key                the application key (client id)
 * @param secret             the application secret; never logged
 * @param timeouts           connect, read and upload time limits
 * @param tokenRefreshMargin a token is renewed this long before Dwolla's {@code expires_in} runs out
 * @param retry              attempts, backoff and the longest {@code Retry-After} waited out
 * @param circuitBreaker     the circuit breaker of the Dwolla host
 * @param rateLimit          docverify's own limit of requests to Dwolla
 * @param bulkhead           how many uploads are held and sent at once
 * @param maxConnections     HTTP connection pool size
 * @param lookupClockSkew    tolerance between this machine's clock and Dwolla's when the adapter looks for the first
 *                           attempt of an upload whose answer was lost
 */
public record DwollaConfig(
        URI baseUrl,
        String key,
        String secret,
        DwollaTimeouts timeouts,
        Duration tokenRefreshMargin,
        DwollaRetry retry,
        DwollaCircuitBreaker circuitBreaker,
        DwollaRateLimit rateLimit,
        DwollaBulkhead bulkhead,
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
        Objects.requireNonNull(timeouts, "timeouts");
        ConfigChecks.notNegative(tokenRefreshMargin, "tokenRefreshMargin");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(bulkhead, "bulkhead");
        ConfigChecks.atLeastOne(maxConnections, "maxConnections");
        ConfigChecks.notNegative(lookupClockSkew, "lookupClockSkew");
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
    public static final Set<String> SETTINGS = Set.of("ENVIRONMENT", "BASE_URL", "KEY", "SECRET",
            "CONNECT_TIMEOUT", "READ_TIMEOUT", "UPLOAD_TIMEOUT", "TOKEN_REFRESH_MARGIN",
            "MAX_ATTEMPTS", "RETRY_INITIAL_BACKOFF", "RETRY_MULTIPLIER", "RETRY_JITTER", "RETRY_MAX_BACKOFF",
            "MAX_RETRY_AFTER",
            "CIRCUIT_FAILURE_RATE", "CIRCUIT_WINDOW", "CIRCUIT_MIN_CALLS", "CIRCUIT_OPEN_DURATION",
            "CIRCUIT_HALF_OPEN_CALLS",
            "RATE_LIMIT_PER_SECOND", "RATE_LIMIT_MAX_WAIT",
            "MAX_CONCURRENT_UPLOADS", "MAX_CONNECTIONS", "LOOKUP_CLOCK_SKEW");

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
                + ", secret=***, timeouts=" + timeouts + ", tokenRefreshMargin=" + tokenRefreshMargin
                + ", retry=" + retry + ", circuitBreaker=" + circuitBreaker + ", rateLimit=" + rateLimit
                + ", bulkhead=" + bulkhead + ", maxConnections=" + maxConnections
                + ", lookupClockSkew=" + lookupClockSkew + "]";
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

    /** Builds a {@link DwollaConfig}; every knob starts at its documented default. */
    public static final class Builder {
        private URI baseUrl = Environment.SANDBOX.baseUrl();
        private String key;
        private String secret;
        private Duration connectTimeout = DwollaTimeouts.DEFAULTS.connect();
        private Duration readTimeout = DwollaTimeouts.DEFAULTS.read();
        private Duration uploadTimeout = DwollaTimeouts.DEFAULTS.upload();
        private Duration tokenRefreshMargin = Duration.ofSeconds(60);
        private int maxAttempts = DwollaRetry.DEFAULTS.maxAttempts();
        private Duration retryInitialBackoff = DwollaRetry.DEFAULTS.initialBackoff();
        private double retryMultiplier = DwollaRetry.DEFAULTS.multiplier();
        private double retryJitter = DwollaRetry.DEFAULTS.jitter();
        private Duration retryMaxBackoff = DwollaRetry.DEFAULTS.maxBackoff();
        private Duration maxRetryAfter = DwollaRetry.DEFAULTS.maxRetryAfter();
        private float circuitFailureRate = DwollaCircuitBreaker.DEFAULTS.failureRate();
        private int circuitWindow = DwollaCircuitBreaker.DEFAULTS.window();
        private int circuitMinCalls = DwollaCircuitBreaker.DEFAULTS.minCalls();
        private Duration circuitOpenDuration = DwollaCircuitBreaker.DEFAULTS.openDuration();
        private int circuitHalfOpenCalls = DwollaCircuitBreaker.DEFAULTS.halfOpenCalls();
        private int rateLimitPerSecond = DwollaRateLimit.DEFAULTS.perSecond();
        private Duration rateLimitMaxWait = DwollaRateLimit.DEFAULTS.maxWait();
        private int maxConcurrentUploads = DwollaBulkhead.DEFAULTS.maxConcurrentUploads();
        private int maxConnections = 20;
        private Duration lookupClockSkew = Duration.ofMinutes(2);

        private Builder() {
        }

        private Builder(DwollaConfig c) {
            baseUrl = c.baseUrl;
            key = c.key;
            secret = c.secret;
            connectTimeout = c.timeouts.connect();
            readTimeout = c.timeouts.read();
            uploadTimeout = c.timeouts.upload();
            tokenRefreshMargin = c.tokenRefreshMargin;
            maxAttempts = c.retry.maxAttempts();
            retryInitialBackoff = c.retry.initialBackoff();
            retryMultiplier = c.retry.multiplier();
            retryJitter = c.retry.jitter();
            retryMaxBackoff = c.retry.maxBackoff();
            maxRetryAfter = c.retry.maxRetryAfter();
            circuitFailureRate = c.circuitBreaker.failureRate();
            circuitWindow = c.circuitBreaker.window();
            circuitMinCalls = c.circuitBreaker.minCalls();
            circuitOpenDuration = c.circuitBreaker.openDuration();
            circuitHalfOpenCalls = c.circuitBreaker.halfOpenCalls();
            rateLimitPerSecond = c.rateLimit.perSecond();
            rateLimitMaxWait = c.rateLimit.maxWait();
            maxConcurrentUploads = c.bulkhead.maxConcurrentUploads();
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

        /** The configuration; a knob out of its range fails with an {@link IllegalArgumentException} naming it. */
        public DwollaConfig build() {
            return new DwollaConfig(baseUrl, key, secret,
                    new DwollaTimeouts(connectTimeout, readTimeout, uploadTimeout),
                    tokenRefreshMargin,
                    new DwollaRetry(maxAttempts, retryInitialBackoff, retryMultiplier, retryJitter, retryMaxBackoff,
                            maxRetryAfter),
                    new DwollaCircuitBreaker(circuitFailureRate, circuitWindow, circuitMinCalls, circuitOpenDuration,
                            circuitHalfOpenCalls),
                    new DwollaRateLimit(rateLimitPerSecond, rateLimitMaxWait),
                    new DwollaBulkhead(maxConcurrentUploads),
                    maxConnections, lookupClockSkew);
        }
    }
}
