package io.docverify.adapter.postgres;

import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The schema: Flyway's versioned SQL files under {@code db/migration}, applied over JDBC at start. A database whose
 * schema is newer than this code's (a newer docverify migrated it) is refused with {@link SchemaTooNewException}
 * before anything is changed, rather than run old code on a schema it does not know.
 */
final class Migrations {
    private Migrations() {
    }

    /** Migrates the database to this code's latest version (blocking: JDBC). The answer is that version. */
    static String migrate(PostgresConfig config) {
        Flyway flyway = Flyway.configure()
                .dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migration")
                .ignoreMigrationPatterns(new String[0]) // nothing ignored: a future migration fails validation as well
                .connectRetries(0)
                .load();
        MigrationInfo[] future = Arrays.stream(flyway.info().all())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .toArray(MigrationInfo[]::new);
        if (future.length > 0) {
            MigrationInfo newest = future[future.length - 1];
            throw new SchemaTooNewException("the database's schema is at version " + newest.getVersion()
                    + ", newer than this docverify knows; run a docverify that knows it");
        }
        flyway.migrate();
        MigrationInfo current = flyway.info().current();
        return current == null ? "none" : current.getVersion().toString();
    }
}
