package io.docverify.grpc.config;

import io.docverify.application.ServiceEventLog;
import io.docverify.grpc.security.ConfiguredKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the service is configured with; {@link ConfigReader} reads it from environment variables and an
 * optional properties file. API keys and Dwolla's secret never appear in {@link #toString()}.
 *
 * @param backend            {@code DOCVERIFY_BACKEND}: {@code inmemory} (default) or {@code dwolla}
 * @param bindAddress        {@code DOCVERIFY_BIND_ADDRESS}: default {@code 127.0.0.1}, so a development run is
 *                           not reachable from the network
 * @param port               {@code DOCVERIFY_PORT}: default 50051; 0 picks a free port (printed at startup)
 * @param portFile           {@code DOCVERIFY_PORT_FILE}: if set, the bound port is written there
 * @param apiKeys            {@code DOCVERIFY_API_KEYS} (comma-separated bearer keys with every scope; several
 *                           allow rotation) or {@code DOCVERIFY_SCOPED_API_KEYS} ({@code name:scopes:key,...});
 *                           empty generates a development key printed once at startup ({@link ConfiguredKeys})
 * @param tls                {@code DOCVERIFY_TLS_CERT_FILE}, {@code DOCVERIFY_TLS_KEY_FILE} and optionally
 *                           {@code DOCVERIFY_TLS_CLIENT_CA_FILE} (mutual TLS); plaintext when unset
 * @param metricsPort        {@code DOCVERIFY_METRICS_PORT}: Prometheus {@code /metrics} on the bind address,
 *                           default 9464; 0 picks a free port; {@code off} disables it
 * @param shutdownGrace      {@code DOCVERIFY_SHUTDOWN_GRACE}: how long a shutdown waits for calls in flight,
 *                           default 10s
 * @param uploadTimeout      {@code DOCVERIFY_UPLOAD_TIMEOUT}: how long an upload may take from its first message
 *                           to its answer, default 5m; 0 for no limit
 * @param maxConcurrentUploads {@code DOCVERIFY_MAX_CONCURRENT_UPLOADS}: uploads in progress at once, default 64;
 *                           one more is refused at once with RESOURCE_EXHAUSTED ({@code TooManyRequests}), so
 *                           memory for uploads (gRPC's buffers and the provider's) stays bounded
 * @param watchPollInterval  {@code DOCVERIFY_WATCH_POLL_INTERVAL}: how often a watch re-reads its document;
 *                           default: the backend's (in-memory: never, its reviews arrive as events)
 * @param sandboxReviewDelay {@code DOCVERIFY_SANDBOX_REVIEW_DELAY}: in-memory backend, how long after upload
 *                           Dwolla's sample images review themselves, default 2s
 * @param dwolla             {@code DOCVERIFY_DWOLLA_ENVIRONMENT}, {@code _KEY}, {@code _SECRET}
 * @param uploadGuards       the limits on slow, idle and chatty uploads ({@link UploadGuardSettings})
 * @param connections        the limits of the connection layer ({@link ConnectionSettings})
 * @param metricsBindAddress {@code DOCVERIFY_METRICS_BIND_ADDRESS}: the address of {@code /metrics}, default
 *                           {@code 127.0.0.1} whatever {@code bindAddress} is, as it is plaintext and needs no key
 * @param webhook            the webhook intake ({@link WebhookSettings}), on when {@code DOCVERIFY_WEBHOOK_SECRET} is set
 * @param events             {@code WatchEvents}' log and streams: {@code DOCVERIFY_EVENTS_*} ({@link EventLogSettings})
 * @param database           the service's own state: PostgreSQL with {@code DOCVERIFY_DATABASE_URL}, else in memory
 *                           ({@link DatabaseSettings})
 */
public record ServiceConfig(BackendKind backend, String bindAddress, int port, Optional<Path> portFile,
        ConfiguredKeys apiKeys, Optional<TlsSettings> tls, OptionalInt metricsPort, Duration shutdownGrace,
        Duration uploadTimeout, int maxConcurrentUploads, Optional<Duration> watchPollInterval, Duration sandboxReviewDelay,
        DwollaSettings dwolla, UploadGuardSettings uploadGuards, ConnectionSettings connections,
        String metricsBindAddress, WebhookSettings webhook,
        ServiceEventLog.Settings events, DatabaseSettings database) {

    /** Shortest API key accepted: a key is a secret, not a password to remember. */
    public static final int MIN_API_KEY_LENGTH = io.docverify.grpc.security.ApiKey.MIN_LENGTH;

    public ServiceConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(portFile, "portFile");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(metricsPort, "metricsPort");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(uploadTimeout, "uploadTimeout");
        Objects.requireNonNull(watchPollInterval, "watchPollInterval");
        Objects.requireNonNull(sandboxReviewDelay, "sandboxReviewDelay");
        Objects.requireNonNull(dwolla, "dwolla");
        Objects.requireNonNull(uploadGuards, "uploadGuards");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(metricsBindAddress, "metricsBindAddress");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(database, "database");
        if (!metricsBindAddress.matches("[A-Za-z0-9.:%\\-]+")) {
            throw new ConfigException("DOCVERIFY_METRICS_BIND_ADDRESS must be an IP address or a host name, not '"
                    + metricsBindAddress + "'");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("DOCVERIFY_PORT must be 0 to 65535, not " + port);
        }
        if (maxConcurrentUploads < 1) {
            throw new ConfigException("DOCVERIFY_MAX_CONCURRENT_UPLOADS must be at least 1, not "
                    + maxConcurrentUploads);
        }
        if (uploadGuards.maxUploadsPerKey().isPresent()
                && uploadGuards.maxUploadsPerKey().getAsInt() > maxConcurrentUploads) {
            throw new ConfigException("DOCVERIFY_MAX_UPLOADS_PER_KEY must be at most DOCVERIFY_MAX_CONCURRENT_UPLOADS ("
                    + maxConcurrentUploads + "), not " + uploadGuards.maxUploadsPerKey().getAsInt());
        }
        if (metricsPort.isPresent() && (metricsPort.getAsInt() < 0 || metricsPort.getAsInt() > 65535)) {
            throw new ConfigException("DOCVERIFY_METRICS_PORT must be 0 to 65535 or 'off', not "
                    + metricsPort.getAsInt());
        }
    }

    /** The defaults: in-memory, 127.0.0.1:50051, a generated key, plaintext, metrics on 9464. */
    public static ServiceConfig defaults() {
        return ConfigReader.read(java.util.Map.of());
    }

    /** The same configuration on another port (0 for a free one). */
    public ServiceConfig withPort(int value) {
        return new ServiceConfig(backend, bindAddress, value, portFile, apiKeys, tls, metricsPort, shutdownGrace,
                uploadTimeout, maxConcurrentUploads, watchPollInterval, sandboxReviewDelay, dwolla,
                uploadGuards, connections, metricsBindAddress, webhook, events, database);
    }

    /** The same configuration with these plain API keys (every scope, named key-1, key-2, ...). */
    public ServiceConfig withApiKeys(List<String> value) {
        try {
            return withApiKeys(ConfiguredKeys.plain(value));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfiguredKeys.PLAIN + ": " + e.getMessage(), e);
        }
    }

    /** The same configuration with these API keys. */
    public ServiceConfig withApiKeys(ConfiguredKeys value) {
        return new ServiceConfig(backend, bindAddress, port, portFile, value, tls, metricsPort, shutdownGrace,
                uploadTimeout, maxConcurrentUploads, watchPollInterval, sandboxReviewDelay, dwolla,
                uploadGuards, connections, metricsBindAddress, webhook, events, database);
    }

    /** The same configuration with this TLS setting. */
    public ServiceConfig withTls(Optional<TlsSettings> value) {
        return new ServiceConfig(backend, bindAddress, port, portFile, apiKeys, value, metricsPort, shutdownGrace,
                uploadTimeout, maxConcurrentUploads, watchPollInterval, sandboxReviewDelay, dwolla,
                uploadGuards, connections, metricsBindAddress, webhook, events, database);
    }

    /** The same configuration with this upload limit. */
    public ServiceConfig withMaxConcurrentUploads(int value) {
        return new ServiceConfig(backend, bindAddress, port, portFile, apiKeys, tls, metricsPort, shutdownGrace,
                uploadTimeout, value, watchPollInterval, sandboxReviewDelay, dwolla,
                uploadGuards, connections, metricsBindAddress, webhook, events, database);
    }

    /** The same configuration with this metrics port (empty: off). */
    public ServiceConfig withMetricsPort(OptionalInt value) {
        return new ServiceConfig(backend, bindAddress, port, portFile, apiKeys, tls, value, shutdownGrace,
                uploadTimeout, maxConcurrentUploads, watchPollInterval, sandboxReviewDelay, dwolla,
                uploadGuards, connections, metricsBindAddress, webhook, events, database);
    }

    /** The same configuration with these webhook settings. */
    public ServiceConfig withWebhook(WebhookSettings value) {
        return new ServiceConfig(backend, bindAddress, port, portFile, apiKeys, tls, metricsPort, shutdownGrace,
                uploadTimeout, maxConcurrentUploads, watchPollInterval, sandboxReviewDelay, dwolla,
                uploadGuards, connections, metricsBindAddress, value, events, database);
    }

    /** The same configuration with these database settings. */
    public ServiceConfig withDatabase(DatabaseSettings value) {
        return new ServiceConfig(backend, bindAddress, port, portFile, apiKeys, tls, metricsPort, shutdownGrace,
                uploadTimeout, maxConcurrentUploads, watchPollInterval, sandboxReviewDelay, dwolla,
                uploadGuards, connections, metricsBindAddress, webhook, events, value);
    }

    @Override
    public String toString() {
        return "ServiceConfig[backend=" + backend.setting() + ", bind=" + bindAddress + ":" + port
                + ", apiKeys=" + apiKeys.size() + ", tls=" + tls.map(t -> t.mutual() ? "mutual" : "server")
                        .orElse("off")
                + ", metricsPort=" + (metricsPort.isPresent() ? String.valueOf(metricsPort.getAsInt()) : "off")
                + ", shutdownGrace=" + shutdownGrace + ", uploadTimeout=" + uploadTimeout
                + ", maxConcurrentUploads=" + maxConcurrentUploads + ", watchPollInterval="
                + watchPollInterval.map(Duration::toString).orElse("backend default")
                + ", sandboxReviewDelay=" + sandboxReviewDelay + ", dwolla=" + dwolla + ", uploadGuards=" + uploadGuards
                + ", connections=" + connections + ", metricsBind=" + metricsBindAddress + ", webhook=" + webhook + ", events=" + events
                + ", database=" + database + "]";
    }
}
