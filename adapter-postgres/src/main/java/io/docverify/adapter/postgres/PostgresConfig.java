package io.docverify.adapter.postgres;

import io.docverify.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the PostgreSQL stores live and how they talk to it.
 *
 * @param url              {@code postgresql://host[:port]/database[?param=value...]} ({@code jdbc:} before it is
 *                         accepted too); no user or password in it (they have their own settings, so the URL can be
 *                         logged)
 * @param user             the database user
 * @param password         the user's password; empty for none. Never in {@link #toString()}
 * @param poolSize         connections in the pool; at least 1 (default 8)
 * @param connectTimeout   the longest wait for a connection, opening one or from the pool (default 5 s)
 * @param queryTimeout     the longest a statement may run, on the server and as the client waits (default 5 s)
 * @param idempotencyWindow how long an idempotency record is kept from its claim (default 24 h, as Dwolla's)
 */
public record PostgresConfig(String url, String user, String password, int poolSize, Duration connectTimeout,
        Duration queryTimeout, Duration idempotencyWindow) {
    /** The settings {@link #fromSettings} reads, named without their prefix. */
    public static final java.util.List<String> SETTINGS = java.util.List.of("URL", "USER", "PASSWORD",
            "PASSWORD_FILE", "POOL_SIZE", "CONNECT_TIMEOUT", "QUERY_TIMEOUT", "IDEMPOTENCY_WINDOW");

    public PostgresConfig {
        Objects.requireNonNull(url, "url");
        url = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI parsed;
        try {
            parsed = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the database URL is not a URL (postgresql://host:port/database)");
        }
        if (!"postgresql".equals(parsed.getScheme()) || parsed.getHost() == null || parsed.getRawUserInfo() != null
                || parsed.getPath() == null || parsed.getPath().length() < 2) {
            throw new IllegalArgumentException("the database URL must be postgresql://host[:port]/database, with the"
                    + " user and password in their own settings");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the database user is required");
        }
        password = password == null ? "" : password;
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool size must be at least 1: " + poolSize);
        }
        positive(connectTimeout, "connectTimeout");
        positive(queryTimeout, "queryTimeout");
        positive(idempotencyWindow, "idempotencyWindow");
    }

    /** A configuration with the defaults for everything but where and who. */
    public static PostgresConfig of(String url, String user, String password) {
        return new PostgresConfig(url, user, password, 8, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofHours(24));
    }

    /**
     * Reads {@code prefix + NAME} ({@link #SETTINGS}; the service uses {@code DOCVERIFY_DATABASE_}): {@code URL} and
     * {@code USER} are required; the password from {@code PASSWORD}, or from the file {@code PASSWORD_FILE} names
     * (its content without a trailing newline), not both. A bad value fails with an
     * {@link IllegalArgumentException} that names the setting, never the password.
     */
    public static PostgresConfig fromSettings(Map<String, String> values, String prefix) {
        Settings settings = Settings.prefixed(values, prefix);
        String url = settings.text("URL")
                .orElseThrow(() -> new IllegalArgumentException(settings.fullName("URL") + " is required"));
        String user = settings.text("USER")
                .orElseThrow(() -> new IllegalArgumentException(settings.fullName("USER") + " is required"));
        var password = settings.text("PASSWORD");
        var file = settings.text("PASSWORD_FILE");
        if (password.isPresent() && file.isPresent()) {
            throw new IllegalArgumentException("set " + settings.fullName("PASSWORD") + " or "
                    + settings.fullName("PASSWORD_FILE") + ", not both");
        }
        String secret = file.map(f -> readPassword(settings.fullName("PASSWORD_FILE"), f)).orElse(password.orElse(""));
        PostgresConfig defaults = of(url, user, secret);
        return new PostgresConfig(defaults.url(), user, secret,
                settings.number("POOL_SIZE", Integer::parseInt).orElse(defaults.poolSize()),
                settings.duration("CONNECT_TIMEOUT").orElse(defaults.connectTimeout()),
                settings.duration("QUERY_TIMEOUT").orElse(defaults.queryTimeout()),
                settings.duration("IDEMPOTENCY_WINDOW").orElse(defaults.idempotencyWindow()));
    }

    /** The URL as pgjdbc (and so Flyway) takes it. */
    String jdbcUrl() {
        return "jdbc:" + url;
    }

    @Override
    public String toString() {
        return "PostgresConfig[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "none" : "***")
                + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + ", queryTimeout=" + queryTimeout
                + ", idempotencyWindow=" + idempotencyWindow + "]";
    }

    private static String readPassword(String setting, String file) {
        try {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(setting + " names a file that cannot be read: " + file);
        }
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be more than zero: " + duration);
        }
    }
}
