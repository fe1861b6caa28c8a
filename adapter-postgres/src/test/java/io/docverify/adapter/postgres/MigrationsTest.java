package io.docverify.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.CustomerId;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.ports.out.DocumentChange;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The schema's migrations: from an empty database, again on a migrated one, from the previous version with its
 * entries, and a newer schema refused.
 */
class MigrationsTest {
    @Test
    void anEmptyDatabaseIsMigratedToTheLatestVersionWithEveryTable() throws Exception {
        PostgresConfig config = TestDatabase.newDatabase();

        assertThat(Migrations.migrate(config)).isEqualTo("2");

        assertThat(strings(config, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " ORDER BY table_name")).containsExactly("flyway_schema_history", "idempotency_records", "journal",
                        "replica_leases", "webhook_inbox");
    }

    @Test
    void aMigratedDatabaseStartsAgainUnchangedAndKeepsItsEntries() throws Exception {
        PostgresConfig config = TestDatabase.newDatabase();
        try (PostgresStores first = TestDatabase.start(config, "r", Clock.systemUTC())) {
            first.journal().changed(change()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        try (PostgresStores again = TestDatabase.start(config, "r", Clock.systemUTC())) {
            assertThat(again.journal().changesSince(0, 10).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .hasSize(1);
        }
        assertThat(strings(config, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
                .containsExactly("1", "2");
    }

    @Test
    void aDatabaseAtThePreviousVersionIsMigratedWithItsEntriesWhichCanThenBePrunedAndOnlyPruned() throws Exception {
        PostgresConfig config = TestDatabase.newDatabase();
        Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migration").target("1").load().migrate();
        // What a docverify of schema 1 wrote: an upload started and ended in 2025, and a review in 2026.
        update(config, "INSERT INTO journal (kind, at, owner_kind, owner_id, document_type, caller_key, replica)"
                + " VALUES ('upload_started', '2025-01-02T10:00:00Z', 'customer', 'c-old', 'passport', 'key-1', 'r')");
        update(config, "INSERT INTO journal (kind, at, owner_kind, owner_id, document_id, attempt_id, outcome,"
                + " size_bytes) SELECT 'upload_ended', '2025-01-02T10:00:01Z', 'customer', 'c-old', 'd-old', sequence,"
                + " 'created', 100 FROM journal WHERE kind = 'upload_started'");
        update(config, "INSERT INTO journal (kind, at, owner_kind, owner_id, document_id, change, decision, reasons,"
                + " source) VALUES ('changed', '2026-06-01T00:00:00Z', 'customer', 'c-old', 'd-old', 'reviewed',"
                + " 'accepted', '[]', 'WEBHOOK')");

        try (PostgresStores stores = TestDatabase.start(config, "r", Clock.systemUTC())) {
            var history = stores.journal().history(io.docverify.ports.out.HistoryQuery.of(new CustomerId("c-old")))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).entries();
            assertThat(history).hasSize(3);
            assertThat(strings(config, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
                    .containsExactly("1", "2");
            assertThatThrownBy(() -> update(config, "DELETE FROM journal"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");

            assertThat(stores.journal().prune(Instant.parse("2026-01-01T00:00:00Z")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)).isEqualTo(2);
        }
        assertThat(strings(config, "SELECT kind FROM journal")).containsExactly("changed");
    }

    @Test
    void aSchemaNewerThanTheCodeIsRefusedAndLeftAsItIs() throws Exception {
        PostgresConfig config = TestDatabase.newDatabase();
        Migrations.migrate(config);
        update(config, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success)"
                + " VALUES (3, '3', 'from a newer docverify', 'SQL', 'V3__newer.sql', 0, 'test', 0, true)");

        assertThatThrownBy(() -> Migrations.migrate(config)).isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("version 3");
        assertThatThrownBy(() -> TestDatabase.start(config, "r", Clock.systemUTC()))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SchemaTooNewException.class);
        assertThat(strings(config, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
                .containsExactly("1", "2", "3");
    }

    @Test
    void theJournalRefusesToChangeOrRemoveAnEntry() throws Exception {
        PostgresConfig config = TestDatabase.newDatabase();
        try (PostgresStores stores = TestDatabase.start(config, "r", Clock.systemUTC())) {
            stores.journal().changed(change()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        assertThatThrownBy(() -> update(config, "UPDATE journal SET owner_id = 'someone-else'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> update(config, "DELETE FROM journal"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThat(strings(config, "SELECT owner_id FROM journal")).containsExactly("c-1");
    }

    private static DocumentChange change() {
        return new DocumentChange.OwnerStatusChanged(new CustomerId("c-1"), CustomerStatus.VERIFIED,
                DocumentChange.Source.WEBHOOK, Optional.of("e-1"), Instant.parse("2026-12-07T12:00:00Z"));
    }

    private static List<String> strings(PostgresConfig config, String sql) throws SQLException {
        try (Connection c = connect(config); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            var values = new ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void update(PostgresConfig config, String sql) throws SQLException {
        try (Connection c = connect(config); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static Connection connect(PostgresConfig config) throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
    }
}
