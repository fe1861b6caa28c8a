package io.docverify.grpc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code DOCVERIFY_DATABASE_*} and {@code DOCVERIFY_REPLICA_ID}: unset is in memory; the password never shows. */
class DatabaseSettingsTest {
    private static final String URL = "postgresql://127.0.0.1:5432/docverify";

    private static DatabaseSettings read(Map<String, String> settings) {
        return ConfigReader.read(settings).database();
    }

    @Test
    void withoutAUrlTheStoresAreInMemoryWithAGeneratedReplicaId() {
        DatabaseSettings s = read(Map.of());

        assertThat(s.durable()).isFalse();
        assertThat(s.postgres()).isEmpty();
        assertThat(s.lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.healthInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.replicaId()).matches("[\\x21-\\x7e]+-[0-9a-f]{8}");
        assertThat(read(Map.of()).replicaId()).isNotEqualTo(s.replicaId());
    }

    @Test
    void theJournalRetentionIsUnsetByDefaultAndOffKeepsForGoodWithOrWithoutADatabase() {
        assertThat(read(Map.of()).journalRetention()).isEmpty();
        assertThat(read(Map.of("DOCVERIFY_DATABASE_JOURNAL_RETENTION", "off")).journalRetention()).isEmpty();
        assertThat(read(Map.of("DOCVERIFY_DATABASE_JOURNAL_RETENTION", "P1825D")).journalRetention())
                .contains(Duration.ofDays(1825));
        assertThat(read(Map.of("DOCVERIFY_DATABASE_URL", URL, "DOCVERIFY_DATABASE_USER", "u",
                "DOCVERIFY_DATABASE_JOURNAL_RETENTION", "2160h")).journalRetention()).contains(Duration.ofDays(90));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(Map.of(
                "DOCVERIFY_DATABASE_JOURNAL_RETENTION", "5 years"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_DATABASE_JOURNAL_RETENTION");
    }

    @Test
    void aUrlAndAUserSelectPostgresWithEverySetting() {
        DatabaseSettings s = read(Map.of("DOCVERIFY_DATABASE_URL", URL, "DOCVERIFY_DATABASE_USER", "docverify",
                "DOCVERIFY_DATABASE_PASSWORD", "pg-password-1", "DOCVERIFY_DATABASE_POOL_SIZE", "3",
                "DOCVERIFY_DATABASE_QUERY_TIMEOUT", "2s", "DOCVERIFY_REPLICA_ID", "replica-a",
                "DOCVERIFY_DATABASE_LEASE", "30s", "DOCVERIFY_DATABASE_HEALTH_INTERVAL", "1s"));

        assertThat(s.durable()).isTrue();
        var pg = s.postgres().orElseThrow();
        assertThat(pg.url()).isEqualTo(URL);
        assertThat(pg.user()).isEqualTo("docverify");
        assertThat(pg.password()).isEqualTo("pg-password-1");
        assertThat(pg.poolSize()).isEqualTo(3);
        assertThat(pg.queryTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.replicaId()).isEqualTo("replica-a");
        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.healthInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.toString()).contains(URL).doesNotContain("pg-password-1");
        assertThat(ConfigReader.read(Map.of("DOCVERIFY_DATABASE_URL", URL, "DOCVERIFY_DATABASE_USER", "docverify",
                "DOCVERIFY_DATABASE_PASSWORD", "pg-password-1")).toString()).doesNotContain("pg-password-1");
    }

    @Test
    void thePasswordCanComeFromAFileButNotFromBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, "from-the-file\n");

        assertThat(read(Map.of("DOCVERIFY_DATABASE_URL", URL, "DOCVERIFY_DATABASE_USER", "u",
                "DOCVERIFY_DATABASE_PASSWORD_FILE", file.toString())).postgres().orElseThrow().password())
                .isEqualTo("from-the-file");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_DATABASE_URL", URL, "DOCVERIFY_DATABASE_USER", "u",
                "DOCVERIFY_DATABASE_PASSWORD_FILE", file.toString(), "DOCVERIFY_DATABASE_PASSWORD", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_DATABASE_PASSWORD")
                .hasMessageNotContaining("from-the-file");
    }

    @Test
    void badValuesNameTheirSettingAndNeverThePassword() {
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_DATABASE_URL", URL)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_DATABASE_USER");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_DATABASE_URL", "postgresql://u:secret-pw@h/db",
                "DOCVERIFY_DATABASE_USER", "u"))).isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("secret-pw");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_DATABASE_URL", URL, "DOCVERIFY_DATABASE_USER", "u",
                "DOCVERIFY_DATABASE_POOL_SIZE", "0"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_DATABASE_USER", "u")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_DATABASE_URL");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_DATABASE_LEASE", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_DATABASE_LEASE");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_REPLICA_ID", "a b")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_REPLICA_ID");
    }

    @Test
    void theSettingsMayComeFromTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("docverify.properties");
        Files.writeString(file, "DOCVERIFY_DATABASE_URL=" + URL + "\nDOCVERIFY_DATABASE_USER=u\n"
                + "DOCVERIFY_REPLICA_ID=from-file\n");

        DatabaseSettings s = ConfigReader.load(Map.of(), java.util.Optional.of(file)).database();

        assertThat(s.postgres()).isPresent();
        assertThat(s.replicaId()).isEqualTo("from-file");
    }
}
