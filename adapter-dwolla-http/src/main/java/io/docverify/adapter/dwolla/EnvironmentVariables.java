package io.docverify.adapter.dwolla;

import io.docverify.adapter.dwolla.DwollaConfig.Builder;
import io.docverify.adapter.dwolla.DwollaConfig.Environment;
import io.docverify.config.Settings;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link DwollaConfig#fromEnvironment(Map, String)}: prefixed variables, each error naming its variable. */
final class EnvironmentVariables {
    private EnvironmentVariables() {
    }

    static DwollaConfig read(Map<String, String> environment, String prefix) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(prefix, "prefix");
        Settings env = Settings.prefixed(environment, prefix);
        Builder b = DwollaConfig.builder();
        env.text("ENVIRONMENT").ifPresent(v -> b.environment(Environment.parse(prefix + "ENVIRONMENT", v)));
        env.text("BASE_URL").ifPresent(b::baseUrl);
        Optional<String> key = env.text("KEY");
        Optional<String> secret = env.text("SECRET");
        if (key.isEmpty() || secret.isEmpty()) {
            throw new IllegalArgumentException("Dwolla needs " + prefix + "KEY and " + prefix + "SECRET");
        }
        b.key(key.get()).secret(secret.get());
        env.duration("CONNECT_TIMEOUT").ifPresent(b::connectTimeout);
        env.duration("READ_TIMEOUT").ifPresent(b::readTimeout);
        env.duration("UPLOAD_TIMEOUT").ifPresent(b::uploadTimeout);
        env.duration("TOKEN_REFRESH_MARGIN").ifPresent(b::tokenRefreshMargin);
        env.number("MAX_ATTEMPTS", Integer::parseInt).ifPresent(b::maxAttempts);
        env.duration("RETRY_INITIAL_BACKOFF").ifPresent(b::retryInitialBackoff);
        env.number("RETRY_MULTIPLIER", Double::parseDouble).ifPresent(b::retryMultiplier);
        env.number("RETRY_JITTER", Double::parseDouble).ifPresent(b::retryJitter);
        env.duration("RETRY_MAX_BACKOFF").ifPresent(b::retryMaxBackoff);
        env.duration("MAX_RETRY_AFTER").ifPresent(b::maxRetryAfter);
        env.number("CIRCUIT_FAILURE_RATE", Float::parseFloat).ifPresent(b::circuitFailureRate);
        env.number("CIRCUIT_WINDOW", Integer::parseInt).ifPresent(b::circuitWindow);
        env.number("CIRCUIT_MIN_CALLS", Integer::parseInt).ifPresent(b::circuitMinCalls);
        env.duration("CIRCUIT_OPEN_DURATION").ifPresent(b::circuitOpenDuration);
        env.number("CIRCUIT_HALF_OPEN_CALLS", Integer::parseInt).ifPresent(b::circuitHalfOpenCalls);
        env.number("RATE_LIMIT_PER_SECOND", Integer::parseInt).ifPresent(b::rateLimitPerSecond);
        env.duration("RATE_LIMIT_MAX_WAIT").ifPresent(b::rateLimitMaxWait);
        env.number("MAX_CONCURRENT_UPLOADS", Integer::parseInt).ifPresent(b::maxConcurrentUploads);
        env.number("MAX_CONNECTIONS", Integer::parseInt).ifPresent(b::maxConnections);
        env.duration("LOOKUP_CLOCK_SKEW").ifPresent(b::lookupClockSkew);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // The record names the knob; say which variable family it came from.
            throw new IllegalArgumentException("invalid " + prefix + "* configuration: " + e.getMessage(), e);
        }
    }
}
