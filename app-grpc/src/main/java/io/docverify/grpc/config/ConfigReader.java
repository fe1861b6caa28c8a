package io.docverify.grpc.config;

import io.docverify.config.Durations;
import io.docverify.config.Numbers;
import io.docverify.config.Settings;
import io.docverify.grpc.security.ConfiguredKeys;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a {@link ServiceConfig} from {@code DOCVERIFY_*} settings: environment variables, over an optional
 * properties file with the same names ({@code DOCVERIFY_CONFIG_FILE}, or the path given on the command line).
 * An empty value counts as unset. Every error names the setting.
 */
public final class ConfigReader {
    /** Every setting, so that a misspelt name in a file is an error instead of a silent default. */
    static final Set<String> NAMES = union(Set.of("DOCVERIFY_BACKEND", "DOCVERIFY_BIND_ADDRESS", "DOCVERIFY_PORT",
            "DOCVERIFY_PORT_FILE", ConfiguredKeys.PLAIN, ConfiguredKeys.SCOPED,
            "DOCVERIFY_TLS_CERT_FILE", "DOCVERIFY_TLS_KEY_FILE",
            "DOCVERIFY_TLS_CLIENT_CA_FILE", "DOCVERIFY_METRICS_PORT", "DOCVERIFY_METRICS_BIND_ADDRESS",
            "DOCVERIFY_SHUTDOWN_GRACE", "DOCVERIFY_UPLOAD_TIMEOUT",
            "DOCVERIFY_MAX_CONCURRENT_UPLOADS",
            "DOCVERIFY_WATCH_POLL_INTERVAL", "DOCVERIFY_SANDBOX_REVIEW_DELAY"),
            UploadGuardSettings.NAMES, ConnectionSettings.NAMES, WebhookSettings.NAMES,
            EventLogSettings.NAMES, DatabaseSettings.NAMES);

    /** Uploads in progress at once unless configured. */
    public static final int DEFAULT_MAX_CONCURRENT_UPLOADS = 64;

    private ConfigReader() {
    }

    /**
     * The configuration from the environment and the optional file ({@code fileArgument} wins over
     * {@code DOCVERIFY_CONFIG_FILE}); environment variables win over the file.
     */
    public static ServiceConfig load(Map<String, String> environment, Optional<Path> fileArgument) {
        Optional<Path> file = fileArgument.or(() -> get(environment, "DOCVERIFY_CONFIG_FILE").map(Path::of));
        var settings = new HashMap<String, String>();
        file.ifPresent(path -> settings.putAll(readFile(path)));
        environment.forEach((name, value) -> {
            if (name.startsWith("DOCVERIFY_")) {
                settings.put(name, value);
            }
        });
        return read(settings);
    }

    /** The configuration from settings already merged. */
    public static ServiceConfig read(Map<String, String> s) {
        BackendKind backend = get(s, "DOCVERIFY_BACKEND").map(BackendKind::parse).orElse(BackendKind.INMEMORY);
        return new ServiceConfig(
                backend,
                get(s, "DOCVERIFY_BIND_ADDRESS").orElse("127.0.0.1"),
                get(s, "DOCVERIFY_PORT").map(v -> integer("DOCVERIFY_PORT", v)).orElse(50051),
                get(s, "DOCVERIFY_PORT_FILE").map(Path::of),
                apiKeys(s),
                tls(s),
                metricsPort(s),
                get(s, "DOCVERIFY_SHUTDOWN_GRACE").map(v -> duration("DOCVERIFY_SHUTDOWN_GRACE", v))
                        .orElse(Duration.ofSeconds(10)),
                get(s, "DOCVERIFY_UPLOAD_TIMEOUT").map(v -> duration("DOCVERIFY_UPLOAD_TIMEOUT", v))
                        .orElse(Duration.ofMinutes(5)),
                get(s, "DOCVERIFY_MAX_CONCURRENT_UPLOADS").map(v -> integer("DOCVERIFY_MAX_CONCURRENT_UPLOADS", v))
                        .orElse(DEFAULT_MAX_CONCURRENT_UPLOADS),
                get(s, "DOCVERIFY_WATCH_POLL_INTERVAL").map(v -> duration("DOCVERIFY_WATCH_POLL_INTERVAL", v)),
                get(s, "DOCVERIFY_SANDBOX_REVIEW_DELAY").map(v -> duration("DOCVERIFY_SANDBOX_REVIEW_DELAY", v))
                        .orElse(Duration.ofSeconds(2)),
                new DwollaSettings(s),
                UploadGuardSettings.read(s),
                ConnectionSettings.read(s),
                // Not DOCVERIFY_BIND_ADDRESS: /metrics is plaintext and unauthenticated, loopback unless asked.
                get(s, "DOCVERIFY_METRICS_BIND_ADDRESS").orElse("127.0.0.1"),
                WebhookSettings.read(s, get(s, "DOCVERIFY_BIND_ADDRESS").orElse("127.0.0.1")),
                EventLogSettings.read(s),
                DatabaseSettings.read(s));
    }

    /** The plain or the scoped form of the API keys (see {@link ConfiguredKeys}); not both. */
    private static ConfiguredKeys apiKeys(Map<String, String> s) {
        Optional<String> plain = get(s, ConfiguredKeys.PLAIN);
        Optional<String> scoped = get(s, ConfiguredKeys.SCOPED);
        if (plain.isPresent() && scoped.isPresent()) {
            throw new ConfigException("set " + ConfiguredKeys.PLAIN + " (keys with every scope) or "
                    + ConfiguredKeys.SCOPED + " (keys with names and scopes), not both");
        }
        try {
            return plain.map(ConfiguredKeys::parsePlain)
                    .or(() -> scoped.map(ConfiguredKeys::parseScoped))
                    .orElse(ConfiguredKeys.none());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        var all = new java.util.HashSet<String>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }

    /**
     * A duration: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, ISO-8601 ({@code PT10S}), or {@code 0} /
     * {@code off} for zero.
     */
    static Duration duration(String name, String value) {
        if (value.trim().equalsIgnoreCase("off")) {
            return Duration.ZERO;
        }
        try {
            return Durations.parse(name, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static Optional<TlsSettings> tls(Map<String, String> s) {
        Optional<Path> cert = get(s, "DOCVERIFY_TLS_CERT_FILE").map(Path::of);
        Optional<Path> key = get(s, "DOCVERIFY_TLS_KEY_FILE").map(Path::of);
        Optional<Path> clientCa = get(s, "DOCVERIFY_TLS_CLIENT_CA_FILE").map(Path::of);
        if (cert.isEmpty() && key.isEmpty()) {
            if (clientCa.isPresent()) {
                throw new ConfigException("DOCVERIFY_TLS_CLIENT_CA_FILE needs DOCVERIFY_TLS_CERT_FILE and "
                        + "DOCVERIFY_TLS_KEY_FILE (mutual TLS is TLS first)");
            }
            return Optional.empty();
        }
        if (cert.isEmpty() || key.isEmpty()) {
            throw new ConfigException("TLS needs both DOCVERIFY_TLS_CERT_FILE and DOCVERIFY_TLS_KEY_FILE");
        }
        readable("DOCVERIFY_TLS_CERT_FILE", cert.get());
        readable("DOCVERIFY_TLS_KEY_FILE", key.get());
        clientCa.ifPresent(p -> readable("DOCVERIFY_TLS_CLIENT_CA_FILE", p));
        var tls = new TlsSettings(cert.get(), key.get(), clientCa);
        TlsValidation.check(tls);
        return Optional.of(tls);
    }

    private static OptionalInt metricsPort(Map<String, String> s) {
        Optional<String> value = get(s, "DOCVERIFY_METRICS_PORT");
        if (value.isEmpty()) {
            return OptionalInt.of(9464);
        }
        if (value.get().trim().equalsIgnoreCase("off")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(integer("DOCVERIFY_METRICS_PORT", value.get()));
    }

    static int integer(String name, String value) {
        try {
            return Numbers.parse(name, value, Integer::parseInt);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static void readable(String name, Path path) {
        if (!Files.isReadable(path)) {
            throw new ConfigException(name + " names a file that cannot be read: " + path);
        }
    }

    private static Map<String, String> readFile(Path path) {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + path + ": " + e.getMessage(), e);
        }
        var settings = new HashMap<String, String>();
        for (String name : properties.stringPropertyNames()) {
            if (!NAMES.contains(name) && !DwollaSettings.isSetting(name)) {
                throw new ConfigException("unknown setting '" + name + "' in " + path
                        + " (settings are named like the environment variables, e.g. DOCVERIFY_PORT)");
            }
            settings.put(name, properties.getProperty(name));
        }
        return settings;
    }

    static Optional<String> get(Map<String, String> settings, String name) {
        return Settings.of(settings).text(name);
    }
}
