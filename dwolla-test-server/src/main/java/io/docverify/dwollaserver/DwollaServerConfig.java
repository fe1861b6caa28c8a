package io.docverify.dwollaserver;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.domain.upload.UploadLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of a {@link DwollaTestServer}; build it with {@link #builder()}.
 *
 * @param key                    the only accepted client key (HTTP Basic user on {@code POST /token})
 * @param secret                 the only accepted client secret (never logged, never in {@link #toString()})
 * @param tokenTtl               the lifetime of issued tokens ({@code expires_in}); default one hour, like Dwolla
 * @param validateAgainstOpenApi check every request and response against Dwolla's OpenAPI description; default true
 * @param host                   the address to bind; default {@code 127.0.0.1}
 * @param port                   the port to bind; default 0 (any free port)
 * @param backend                the in-memory adapter's configuration (upload limits, idempotency window, sandbox
 *                               review delay, clock); default {@link InMemoryConfig#DEFAULTS}
 * @param multipartOverheadBytes how many bytes beyond the file limit a multipart request may carry (boundaries,
 *                               part headers, {@code documentType}); a longer {@code Content-Length} is refused
 *                               with 413 before a byte is read, and a longer chunked body as soon as it is seen.
 *                               Default 64 KiB
 * @param clock                  the clock of token expiry; default UTC system clock
 * @param errorStyle             the shape of upload refusals; default {@link ErrorStyle#ENDPOINT_TABLE} (changeable
 *                               while running: {@link DwollaTestServer#errorStyle(ErrorStyle)})
 * @param journalCapacity        how many finished requests the journal keeps (the oldest are dropped); default
 *                               100,000, so a long benchmark run cannot exhaust memory
 * @param webhooks               how webhooks are delivered (timeout, retry schedule, ...); default
 *                               {@link WebhookSettings#DWOLLA}. Their clock is {@code clock}
 * @param stateFile              where the state is kept across restarts ({@link SandboxState}): read on start, written
 *                               atomically on {@link DwollaTestServer#close()}; default none
 * @param stateInterval          how often the state file is also written while running, if something changed since
 *                               the last write (so a crash or {@code SIGKILL} loses at most this much);
 *                               {@link Duration#ZERO} writes only on close. Default one minute; unused without
 *                               {@code stateFile}
 */
public record DwollaServerConfig(String key, String secret, Duration tokenTtl, boolean validateAgainstOpenApi,
        String host, int port, InMemoryConfig backend, long multipartOverheadBytes, Clock clock,
        ErrorStyle errorStyle, int journalCapacity, WebhookSettings webhooks, java.util.Optional<Path> stateFile,
        Duration stateInterval) {

    public DwollaServerConfig {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(errorStyle, "errorStyle");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(stateInterval, "stateInterval");
        if (stateInterval.isNegative()) {
            throw new IllegalArgumentException("stateInterval must not be negative");
        }
        if (journalCapacity < 1) {
            throw new IllegalArgumentException("journalCapacity must be positive");
        }
        if (key.isEmpty() || key.contains(":") || secret.isEmpty()) {
            throw new IllegalArgumentException("key and secret must be non-empty, and the key without ':'");
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("tokenTtl must be positive");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (multipartOverheadBytes < 0) {
            throw new IllegalArgumentException("multipartOverheadBytes must not be negative");
        }
    }

    /** The largest multipart request accepted: the file limit plus the multipart overhead. */
    public long maxRequestBytes() {
        return backend.limits().maxFileBytes() + multipartOverheadBytes;
    }

    /** The largest file accepted (Dwolla: 10 MiB). */
    public long maxFileBytes() {
        return backend.limits().maxFileBytes();
    }

    /** How often the state file is written while running, by default. */
    public static final Duration DEFAULT_STATE_INTERVAL = Duration.ofMinutes(1);

    /** A builder with the defaults above and credentials {@code key} / {@code secret}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "DwollaServerConfig[key=" + key + ", secret=***, tokenTtl=" + tokenTtl + ", validateAgainstOpenApi="
                + validateAgainstOpenApi + ", host=" + host + ", port=" + port + ", maxFileBytes=" + maxFileBytes()
                + ", multipartOverheadBytes=" + multipartOverheadBytes + ", errorStyle=" + errorStyle
                + ", journalCapacity=" + journalCapacity + "]";
    }

    /** Builds a {@link DwollaServerConfig}. */
    public static final class Builder {
        private String key = "key";
        private String secret = "secret";
        private Duration tokenTtl = Duration.ofHours(1);
        private boolean validateAgainstOpenApi = true;
        private String host = "127.0.0.1";
        private int port = 0;
        private InMemoryConfig backend = InMemoryConfig.DEFAULTS;
        private long multipartOverheadBytes = 64 * 1024;
        private Clock clock = Clock.systemUTC();
        private ErrorStyle errorStyle = ErrorStyle.ENDPOINT_TABLE;
        private int journalCapacity = 100_000;
        private WebhookSettings webhooks = WebhookSettings.DWOLLA;
        private Path stateFile;
        private Duration stateInterval = DEFAULT_STATE_INTERVAL;

        private Builder() {
        }

        public Builder key(String value) {
            this.key = value;
            return this;
        }

        public Builder secret(String value) {
            this.secret = value;
            return this;
        }

        public Builder tokenTtl(Duration value) {
            this.tokenTtl = value;
            return this;
        }

        public Builder validateAgainstOpenApi(boolean value) {
            this.validateAgainstOpenApi = value;
            return this;
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder backend(InMemoryConfig value) {
            this.backend = value;
            return this;
        }

        /** Shorthand for {@code backend(backend.withLimits(limits))}. */
        public Builder limits(UploadLimits value) {
            this.backend = backend.withLimits(value);
            return this;
        }

        public Builder multipartOverheadBytes(long value) {
            this.multipartOverheadBytes = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder errorStyle(ErrorStyle value) {
            this.errorStyle = value;
            return this;
        }

        public Builder journalCapacity(int value) {
            this.journalCapacity = value;
            return this;
        }

        public Builder webhooks(WebhookSettings value) {
            this.webhooks = value;
            return this;
        }

        /** Keeps the state in {@code value} across restarts (null: none). */
        public Builder stateFile(Path value) {
            this.stateFile = value;
            return this;
        }

        /** Writes the state file every {@code value} while running, if something changed; zero: only on close. */
        public Builder stateInterval(Duration value) {
            this.stateInterval = value;
            return this;
        }

        public DwollaServerConfig build() {
            return new DwollaServerConfig(key, secret, tokenTtl, validateAgainstOpenApi, host, port, backend,
                    multipartOverheadBytes, clock, errorStyle, journalCapacity, webhooks,
                    java.util.Optional.ofNullable(stateFile), stateInterval);
        }
    }
}
