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
import org.junit.jupiter.api.Test;

/** The schema's migrations: from an empty database, again on a migrated one, and a newer schema refused. */
class MigrationsTest {
    @Test
    void anEmptyDatabaseIsMigratedToTheLatestVersionWithEveryTable() throws Exception {
        PostgresConfig config = TestDatabase.newDatabase();

        assertThat(Migrations.migrate(config)).isEqualTo("1");

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
                .containsExactly("1");
    }

    @Test
    void aSchemaNewerThanTheCodeIsRefusedAndLeftAsItIs() throws Exception {
        PostgresConfig config = TestDatabase.newDatabase();
        Migrations.migrate(config);
        update(config, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success)"
                + " VALUES (2, '2', 'from a newer docverify', 'SQL', 'V2__newer.sql', 0, 'test', 0, true)");

        assertThatThrownBy(() -> Migrations.migrate(config)).isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> TestDatabase.start(config, "r", Clock.systemUTC()))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SchemaTooNewException.class);
        assertThat(strings(config, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
                .containsExactly("1", "2");
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
