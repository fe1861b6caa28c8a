package io.docverify.grpc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSettingsTest {
    private static WebhookSettings read(Map<String, String> settings) {
        return ConfigReader.read(settings).webhook();
    }

    @Test
    void withoutASecretTheIntakeIsOffAndTheDefaultsAreDwollas() {
        WebhookSettings s = read(Map.of());

        assertThat(s.enabled()).isFalse();
        assertThat(s.port()).hasValue(8090);
        assertThat(s.path()).isEqualTo("/dwolla/webhooks");
        assertThat(s.maxBytes()).isEqualTo(16384);
        assertThat(s.replayWindow()).isEqualTo(Duration.ofHours(73));
        assertThat(s.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(s.tls()).isEmpty();
        assertThat(s.reconcileInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(s.knownDocuments()).isEqualTo(10_000);
        assertThat(read(Map.of("DOCVERIFY_WEBHOOK_KNOWN_DOCUMENTS", "1")).knownDocuments()).isEqualTo(1);
    }

    @Test
    void aSecretTurnsItOnOnTheGrpcBindAddressUnlessThePortIsOff() {
        WebhookSettings on = read(Map.of("DOCVERIFY_WEBHOOK_SECRET", "s3cret-value",
                "DOCVERIFY_BIND_ADDRESS", "0.0.0.0"));
        assertThat(on.enabled()).isTrue();
        assertThat(on.bindAddress()).isEqualTo("0.0.0.0");

        assertThat(read(Map.of("DOCVERIFY_WEBHOOK_SECRET", "s3cret-value", "DOCVERIFY_WEBHOOK_PORT", "off"))
                .enabled()).isFalse();
    }

    @Test
    void theSecretCanComeFromAFileButNotFromBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "from-the-file\n");

        assertThat(read(Map.of("DOCVERIFY_WEBHOOK_SECRET_FILE", file.toString())).secret()).contains("from-the-file");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_WEBHOOK_SECRET_FILE", file.toString(),
                "DOCVERIFY_WEBHOOK_SECRET", "x"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_WEBHOOK_SECRET or DOCVERIFY_WEBHOOK_SECRET_FILE");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_WEBHOOK_SECRET_FILE", dir.resolve("none").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_WEBHOOK_SECRET_FILE");
    }

    @Test
    void thePublicUrlMustBeAnAbsoluteHttpUrlWithoutUserInfo() {
        assertThat(read(Map.of()).publicUrl()).isEmpty();
        assertThat(read(Map.of("DOCVERIFY_WEBHOOK_PUBLIC_URL", "https://hooks.example.test/dwolla/webhooks"))
                .publicUrl()).hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("hooks.example.test"));
        for (String bad : new String[] {"/dwolla/webhooks", "ftp://x.test/h", "https://user:pw@x.test/h", "http://[x"}) {
            assertThatThrownBy(() -> read(Map.of("DOCVERIFY_WEBHOOK_PUBLIC_URL", bad)))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_WEBHOOK_PUBLIC_URL")
                    .hasMessageNotContaining("pw");
        }
    }

    @Test
    void badValuesNameTheirSetting() {
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_WEBHOOK_SECRET", "x".repeat(129))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_WEBHOOK_SECRET")
                .hasMessageNotContaining("xxxx");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_WEBHOOK_PREVIOUS_SECRET", "old")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs DOCVERIFY_WEBHOOK_SECRET");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_WEBHOOK_PATH", "no-slash")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_WEBHOOK_PATH");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_WEBHOOK_MAX_BYTES", "100")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_WEBHOOK_MAX_BYTES");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_WEBHOOK_REPLAY_WINDOW", "10m")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_WEBHOOK_REPLAY_WINDOW");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_WEBHOOK_PORT", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_WEBHOOK_PORT");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_WEBHOOK_KNOWN_DOCUMENTS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_WEBHOOK_KNOWN_DOCUMENTS");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_WEBHOOK_KNOWN_DOCUMENTS", "1000001")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_WEBHOOK_KNOWN_DOCUMENTS");
        assertThatThrownBy(() -> read(Map.of("DOCVERIFY_WEBHOOK_TLS_CERT_FILE", "/nowhere")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_WEBHOOK_TLS_KEY_FILE");
    }

    @Test
    void noSecretAppearsInTheDescription() {
        WebhookSettings s = read(Map.of("DOCVERIFY_WEBHOOK_SECRET", "current-secret-value",
                "DOCVERIFY_WEBHOOK_PREVIOUS_SECRET", "previous-secret-value"));

        assertThat(s.toString()).contains("secret=set").doesNotContain("current-secret-value")
                .doesNotContain("previous-secret-value");
        assertThat(ConfigReader.read(Map.of("DOCVERIFY_WEBHOOK_SECRET", "current-secret-value")).toString())
                .doesNotContain("current-secret-value");
        assertThat(s.withSecrets(Optional.empty(), Optional.empty()).enabled()).isFalse();
    }
}
