package io.docverify.grpc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.grpc.backend.Backends;
import io.docverify.grpc.security.ApiKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceConfigTest {

    @Test
    void theDefaultsAreALocalInMemoryServiceWithAGeneratedKey() {
        ServiceConfig config = ConfigReader.read(Map.of());

        assertThat(config.backend()).isEqualTo(BackendKind.INMEMORY);
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(50051);
        assertThat(config.portFile()).isEmpty();
        assertThat(config.apiKeys().isEmpty()).isTrue();
        assertThat(config.tls()).isEmpty();
        assertThat(config.metricsPort()).isEqualTo(OptionalInt.of(9464));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.uploadTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.watchPollInterval()).isEmpty();
        assertThat(config.sandboxReviewDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.dwolla().baseUrl()).isEqualTo("https://api-sandbox.dwolla.com");
    }

    @Test
    void everySettingIsRead() {
        ServiceConfig config = ConfigReader.read(Map.ofEntries(
                Map.entry("DOCVERIFY_BACKEND", "DWOLLA"),
                Map.entry("DOCVERIFY_BIND_ADDRESS", "0.0.0.0"),
                Map.entry("DOCVERIFY_PORT", "0"),
                Map.entry("DOCVERIFY_PORT_FILE", "/tmp/port"),
                Map.entry("DOCVERIFY_API_KEYS", " key-one-0123456789 ,key-two-0123456789,"),
                Map.entry("DOCVERIFY_METRICS_PORT", "off"),
                Map.entry("DOCVERIFY_SHUTDOWN_GRACE", "PT30S"),
                Map.entry("DOCVERIFY_UPLOAD_TIMEOUT", "90s"),
                Map.entry("DOCVERIFY_MAX_CONCURRENT_UPLOADS", "7"),
                Map.entry("DOCVERIFY_WATCH_POLL_INTERVAL", "2m"),
                Map.entry("DOCVERIFY_SANDBOX_REVIEW_DELAY", "0"),
                Map.entry("DOCVERIFY_DWOLLA_ENVIRONMENT", "production"),
                Map.entry("DOCVERIFY_DWOLLA_KEY", "k"),
                Map.entry("DOCVERIFY_DWOLLA_SECRET", "s")));

        assertThat(config.backend()).isEqualTo(BackendKind.DWOLLA);
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isZero();
        assertThat(config.portFile()).contains(Path.of("/tmp/port"));
        assertThat(config.apiKeys().keys()).extracting(ApiKey::secret)
                .containsExactly("key-one-0123456789", "key-two-0123456789");
        assertThat(config.metricsPort()).isEmpty();
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.uploadTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.maxConcurrentUploads()).isEqualTo(7);
        assertThat(config.watchPollInterval()).contains(Duration.ofMinutes(2));
        assertThat(config.sandboxReviewDelay()).isZero();
        assertThat(config.dwolla().baseUrl()).isEqualTo("https://api.dwolla.com");
        config.dwolla().requireCredentials();
    }

    @Test
    void theUploadGuardsDefaultToLimitsASlowMobileClientMeets() {
        UploadGuardSettings guards = ConfigReader.read(Map.of()).uploadGuards();

        assertThat(guards).isEqualTo(UploadGuardSettings.defaults());
        assertThat(guards.firstMessageTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(guards.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(guards.minBytesPerSecond()).isEqualTo(4096);
        assertThat(guards.minRateGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(guards.maxMessages()).isEqualTo(4096);
        assertThat(guards.maxUploadsPerKey()).isEmpty();
    }

    @Test
    void everyUploadGuardIsRead() {
        UploadGuardSettings guards = ConfigReader.read(Map.of(
                "DOCVERIFY_UPLOAD_FIRST_MESSAGE_TIMEOUT", "2s", "DOCVERIFY_UPLOAD_IDLE_TIMEOUT", "off",
                "DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND", "0", "DOCVERIFY_UPLOAD_MIN_RATE_GRACE", "500ms",
                "DOCVERIFY_UPLOAD_MAX_MESSAGES", "3", "DOCVERIFY_MAX_UPLOADS_PER_KEY", "64")).uploadGuards();

        assertThat(guards).isEqualTo(new UploadGuardSettings(Duration.ofSeconds(2), Duration.ZERO, 0,
                Duration.ofMillis(500), 3, OptionalInt.of(64)));
    }

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "10s,PT10S", "2m,PT2M", "1h,PT1H", "PT3S,PT3S", "off,PT0S", "0,PT0S"})
    void durationsAreReadInShortOrIsoForm(String value, String expected) {
        assertThat(ConfigReader.duration("X", value)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DOCVERIFY_PORT|abc|DOCVERIFY_PORT must be a number",
            "DOCVERIFY_PORT|70000|DOCVERIFY_PORT must be 0 to 65535",
            "DOCVERIFY_METRICS_PORT|-1|DOCVERIFY_METRICS_PORT must be 0 to 65535 or 'off'",
            "DOCVERIFY_BACKEND|postgres|DOCVERIFY_BACKEND must be 'inmemory' or 'dwolla'",
            "DOCVERIFY_SHUTDOWN_GRACE|soon|DOCVERIFY_SHUTDOWN_GRACE must be a duration",
            "DOCVERIFY_UPLOAD_TIMEOUT|99999999999999999999s|DOCVERIFY_UPLOAD_TIMEOUT must be a duration",
            "DOCVERIFY_UPLOAD_TIMEOUT|-PT1S|DOCVERIFY_UPLOAD_TIMEOUT must be a duration",
            "DOCVERIFY_MAX_CONCURRENT_UPLOADS|0|DOCVERIFY_MAX_CONCURRENT_UPLOADS must be at least 1",
            "DOCVERIFY_API_KEYS|short|at least 16 printable characters",
            "DOCVERIFY_TLS_CERT_FILE|/etc/hostname|TLS needs both",
            "DOCVERIFY_TLS_CLIENT_CA_FILE|/etc/hostname|mutual TLS is TLS first",
            "DOCVERIFY_DWOLLA_ENVIRONMENT|staging|'sandbox' or 'production'",
            "DOCVERIFY_UPLOAD_FIRST_MESSAGE_TIMEOUT|soon|DOCVERIFY_UPLOAD_FIRST_MESSAGE_TIMEOUT must be a duration",
            "DOCVERIFY_UPLOAD_IDLE_TIMEOUT|-PT1S|DOCVERIFY_UPLOAD_IDLE_TIMEOUT must be a duration",
            "DOCVERIFY_UPLOAD_MIN_RATE_GRACE|1d|DOCVERIFY_UPLOAD_MIN_RATE_GRACE must be a duration",
            "DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND|4KiB|DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND must be a number",
            "DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND|-1|DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND must be 0 (no minimum) or more",
            "DOCVERIFY_UPLOAD_MAX_MESSAGES|2|DOCVERIFY_UPLOAD_MAX_MESSAGES must be at least 3",
            "DOCVERIFY_MAX_UPLOADS_PER_KEY|0|DOCVERIFY_MAX_UPLOADS_PER_KEY must be at least 1",
            "DOCVERIFY_MAX_UPLOADS_PER_KEY|65|DOCVERIFY_MAX_UPLOADS_PER_KEY must be at most DOCVERIFY_MAX_CONCURRENT_UPLOADS (64)"})
    void aBadSettingIsRefusedWithAMessageNamingIt(String name, String value, String message) {
        assertThatThrownBy(() -> ConfigReader.read(Map.of(name, value)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void tlsFilesMustBeReadable(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        var settings = Map.of("DOCVERIFY_TLS_CERT_FILE", cert.toString(),
                "DOCVERIFY_TLS_KEY_FILE", dir.resolve("missing.key").toString());

        assertThatThrownBy(() -> ConfigReader.read(settings)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_TLS_KEY_FILE names a file that cannot be read");
    }

    @Test
    void environmentVariablesWinOverTheFileAndTheArgumentWinsOverTheVariableNamingAFile(@TempDir Path dir)
            throws Exception {
        Path file = Files.writeString(dir.resolve("docverify.properties"),
                "DOCVERIFY_PORT=6000\nDOCVERIFY_BIND_ADDRESS=10.0.0.1\n");
        Path other = Files.writeString(dir.resolve("other.properties"), "DOCVERIFY_PORT=7000\n");
        var env = new HashMap<String, String>();
        env.put("DOCVERIFY_BIND_ADDRESS", "127.0.0.2");
        env.put("DOCVERIFY_CONFIG_FILE", other.toString());
        env.put("PATH", "/usr/bin");

        ServiceConfig config = ConfigReader.load(env, Optional.of(file));

        assertThat(config.port()).isEqualTo(6000);
        assertThat(config.bindAddress()).isEqualTo("127.0.0.2");
        assertThat(ConfigReader.load(env, Optional.empty()).port()).isEqualTo(7000);
    }

    @Test
    void aMisspeltSettingInTheFileIsAnError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("docverify.properties"), "DOCVERIFY_PROT=6000\n");

        assertThatThrownBy(() -> ConfigReader.load(Map.of(), Optional.of(file)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting 'DOCVERIFY_PROT'");
    }

    @Test
    void secretsNeverAppearInToString() {
        ServiceConfig config = ConfigReader.read(Map.of("DOCVERIFY_API_KEYS", "very-secret-api-key-0001",
                "DOCVERIFY_DWOLLA_KEY", "dwolla-key-value", "DOCVERIFY_DWOLLA_SECRET", "dwolla-secret-value"));

        assertThat(config.toString()).contains("apiKeys=1").doesNotContain("very-secret-api-key-0001")
                .doesNotContain("dwolla-key-value").doesNotContain("dwolla-secret-value");
    }

    @Test
    void theDwollaBackendNeedsCredentials() {
        ServiceConfig dwolla = ConfigReader.read(Map.of("DOCVERIFY_BACKEND", "dwolla"));

        assertThatThrownBy(() -> Backends.create(dwolla, new SimpleMeterRegistry()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_DWOLLA_KEY and DOCVERIFY_DWOLLA_SECRET");
    }

    @Test
    void theDwollaSettingsAreEveryPrefixedNameAndChooseTheBaseUrl() {
        DwollaSettings sandbox = ConfigReader.read(Map.of("DOCVERIFY_DWOLLA_KEY", "k", "DOCVERIFY_BACKEND", "dwolla"))
                .dwolla();
        assertThat(sandbox.baseUrl()).isEqualTo("https://api-sandbox.dwolla.com");
        assertThat(sandbox.variables()).containsOnlyKeys("DOCVERIFY_DWOLLA_KEY");
        assertThat(ConfigReader.read(Map.of("DOCVERIFY_DWOLLA_ENVIRONMENT", "Production")).dwolla().baseUrl())
                .isEqualTo("https://api.dwolla.com");
        assertThat(ConfigReader.read(Map.of("DOCVERIFY_DWOLLA_ENVIRONMENT", "production",
                "DOCVERIFY_DWOLLA_BASE_URL", "http://127.0.0.1:8080")).dwolla().baseUrl())
                .isEqualTo("http://127.0.0.1:8080");
        assertThatThrownBy(() -> ConfigReader.read(Map.of("DOCVERIFY_DWOLLA_ENVIRONMENT", "staging")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("staging");
        assertThat(DwollaSettings.isSetting("DOCVERIFY_DWOLLA_MAX_ATTEMPTS")).isTrue();
        assertThat(DwollaSettings.isSetting("DOCVERIFY_DWOLLA_MAX_ATTEMPT")).isFalse();
    }

    @Test
    void theCopyMethodsChangeOneSettingOnly() {
        ServiceConfig base = ConfigReader.read(Map.of());

        ServiceConfig changed = base.withPort(0).withApiKeys(List.of("another-key-0123456789"))
                .withMetricsPort(OptionalInt.empty()).withTls(Optional.empty());

        assertThat(changed.port()).isZero();
        assertThat(changed.apiKeys().keys()).extracting(ApiKey::secret).containsExactly("another-key-0123456789");
        assertThat(changed.metricsPort()).isEmpty();
        assertThat(changed.bindAddress()).isEqualTo(base.bindAddress());
        assertThat(changed.metricsBindAddress()).isEqualTo(base.metricsBindAddress());
        assertThat(ConfigReader.NAMES).hasSize(16 + UploadGuardSettings.NAMES.size() + ConnectionSettings.NAMES.size()
                + EventLogSettings.NAMES.size()
                + WebhookSettings.NAMES.size() + DatabaseSettings.NAMES.size());
        assertThat(changed.database()).isEqualTo(base.database());
    }
}
