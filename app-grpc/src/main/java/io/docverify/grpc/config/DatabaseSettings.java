package io.docverify.grpc.config;

import io.docverify.adapter.postgres.PostgresConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The service's own state: in PostgreSQL when {@code DOCVERIFY_DATABASE_URL} is set, else in memory (the embedded
 * default, lost at exit). The password never appears in {@link #toString()}.
 *
 * @param postgres       {@code DOCVERIFY_DATABASE_URL}, {@code _USER}, {@code _PASSWORD} or {@code _PASSWORD_FILE},
 *                       {@code _POOL_SIZE}, {@code _CONNECT_TIMEOUT}, {@code _QUERY_TIMEOUT},
 *                       {@code _IDEMPOTENCY_WINDOW} ({@link PostgresConfig#fromSettings}); empty: in memory
 * @param replicaId      {@code DOCVERIFY_REPLICA_ID}: this replica's id in the journal and the notifications (1 to
 *                       128 printable characters); default the host name and a random suffix
 * @param lease          {@code DOCVERIFY_DATABASE_LEASE}: how long this replica's lease and an upload's idempotency
 *                       claim hold without renewal, default 2m; both are renewed every third of it, so an upload of a
 *                       replica that died reads as abandoned, and its key is free, at most this long after
 * @param healthInterval {@code DOCVERIFY_DATABASE_HEALTH_INTERVAL}: how often the database is pinged for gRPC
 *                       health (NOT_SERVING while it does not answer), default 5s
 * @param journalRetention {@code DOCVERIFY_DATABASE_JOURNAL_RETENTION}: how long journal entries are kept (pruned
 *                       hourly, an attempt with its end); empty (the default): kept for good (in memory, within the
 *                       in-memory journal's bound)
 */
public record DatabaseSettings(Optional<PostgresConfig> postgres, String replicaId, Duration lease,
        Duration healthInterval, Optional<Duration> journalRetention) {
    static final String PREFIX = "DOCVERIFY_DATABASE_";
    static final String URL = PREFIX + "URL";
    static final String REPLICA_ID = "DOCVERIFY_REPLICA_ID";
    static final String LEASE = PREFIX + "LEASE";
    static final String HEALTH_INTERVAL = PREFIX + "HEALTH_INTERVAL";
    static final String JOURNAL_RETENTION = PREFIX + "JOURNAL_RETENTION";

    /** The settings read here. */
    static final Set<String> NAMES = names();

    public DatabaseSettings {
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(replicaId, "replicaId");
        if (replicaId.isEmpty() || replicaId.length() > 128 || !replicaId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ConfigException(REPLICA_ID + " must be 1 to 128 printable ASCII characters without spaces");
        }
        positive(LEASE, lease);
        positive(HEALTH_INTERVAL, healthInterval);
        Objects.requireNonNull(journalRetention, "journalRetention");
        journalRetention.ifPresent(r -> positive(JOURNAL_RETENTION, r));
    }

    private static Set<String> names() {
        var names = new HashSet<String>();
        PostgresConfig.SETTINGS.forEach(n -> names.add(PREFIX + n));
        names.add(REPLICA_ID);
        names.add(LEASE);
        names.add(HEALTH_INTERVAL);
        names.add(JOURNAL_RETENTION);
        return Set.copyOf(names);
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(name + " must be more than zero, not " + value);
        }
    }

    /** Reads the settings from already merged settings; every error names its setting, never the password. */
    static DatabaseSettings read(Map<String, String> s) {
        Optional<PostgresConfig> postgres = Optional.empty();
        if (ConfigReader.get(s, URL).isPresent()) {
            try {
                postgres = Optional.of(PostgresConfig.fromSettings(s, PREFIX));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        } else {
            for (String name : NAMES) {
                if (name.startsWith(PREFIX) && !name.equals(LEASE) && !name.equals(HEALTH_INTERVAL)
                        && !name.equals(JOURNAL_RETENTION)
                        && ConfigReader.get(s, name).isPresent()) {
                    throw new ConfigException(name + " is set but " + URL + " is not (the stores stay in memory"
                            + " without it)");
                }
            }
        }
        String replica = ConfigReader.get(s, REPLICA_ID).map(String::trim).orElseGet(DatabaseSettings::defaultReplica);
        Duration lease = ConfigReader.get(s, LEASE).map(v -> ConfigReader.duration(LEASE, v))
                .orElse(Duration.ofMinutes(2));
        Duration health = ConfigReader.get(s, HEALTH_INTERVAL).map(v -> ConfigReader.duration(HEALTH_INTERVAL, v))
                .orElse(Duration.ofSeconds(5));
        Optional<Duration> retention = ConfigReader.get(s, JOURNAL_RETENTION)
                .map(v -> ConfigReader.duration(JOURNAL_RETENTION, v)).filter(d -> !d.isZero()); // off: for good
        return new DatabaseSettings(postgres, replica, lease, health, retention);
    }

    /** The host name (printable characters only, at most 100) and 8 random hex digits. */
    static String defaultReplica() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | RuntimeException e) {
            host = "docverify";
        }
        String kept = host.chars().filter(c -> c > 0x20 && c < 0x7f).limit(100)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return (kept.isEmpty() ? "docverify" : kept.toLowerCase(Locale.ROOT)) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Whether the stores are PostgreSQL's. */
    public boolean durable() {
        return postgres.isPresent();
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + postgres.map(PostgresConfig::toString).orElse("in memory") + ", replica="
                + replicaId + ", lease=" + lease + ", healthInterval=" + healthInterval
                + ", journalRetention=" + journalRetention.map(Duration::toString).orElse("for good") + "]";
    }
}
