package io.docverify.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the database settings: defaults, the password from a file, and no password in any text. */
class PostgresConfigTest {
    private static final String P = "DOCVERIFY_DATABASE_";

    @Test
    void theRequiredSettingsAndTheDefaults() {
        var config = PostgresConfig.fromSettings(Map.of(P + "URL", "jdbc:postgresql://db.local:5433/docverify",
                P + "USER", "docverify", P + "PASSWORD", "s3cret-value"), P);

        assertThat(config.url()).isEqualTo("postgresql://db.local:5433/docverify");
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:5433/docverify");
        assertThat(config.password()).isEqualTo("s3cret-value");
        assertThat(config.poolSize()).isEqualTo(8);
        assertThat(config.queryTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.idempotencyWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(config.toString()).doesNotContain("s3cret-value").contains("password=***");
    }

    @Test
    void thePasswordFromAFileWithoutItsNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, "from-a-file\n");

        var config = PostgresConfig.fromSettings(Map.of(P + "URL", "postgresql://127.0.0.1/d", P + "USER", "u",
                P + "PASSWORD_FILE", file.toString(), P + "POOL_SIZE", "3", P + "QUERY_TIMEOUT", "750ms"), P);

        assertThat(config.password()).isEqualTo("from-a-file");
        assertThat(config.poolSize()).isEqualTo(3);
        assertThat(config.queryTimeout()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void badSettingsAreNamedAndNeverShowThePassword() {
        assertThatThrownBy(() -> PostgresConfig.fromSettings(Map.of(P + "USER", "u"), P))
                .hasMessageContaining(P + "URL");
        assertThatThrownBy(() -> PostgresConfig.fromSettings(Map.of(P + "URL", "postgresql://u:pw-in-url@h/d",
                P + "USER", "u"), P)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw-in-url");
        assertThatThrownBy(() -> PostgresConfig.fromSettings(Map.of(P + "URL", "mysql://h/d", P + "USER", "u"), P))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresConfig.fromSettings(Map.of(P + "URL", "postgresql://h/d", P + "USER", "u",
                P + "PASSWORD", "x", P + "PASSWORD_FILE", "/nowhere"), P)).hasMessageContaining("not both");
        assertThatThrownBy(() -> PostgresConfig.fromSettings(Map.of(P + "URL", "postgresql://h/d", P + "USER", "u",
                P + "PASSWORD_FILE", "/nowhere/at/all"), P)).hasMessageContaining(P + "PASSWORD_FILE");
        assertThatThrownBy(() -> PostgresConfig.fromSettings(Map.of(P + "URL", "postgresql://h/d", P + "USER", "u",
                P + "POOL_SIZE", "0"), P)).isInstanceOf(IllegalArgumentException.class);
    }
}
