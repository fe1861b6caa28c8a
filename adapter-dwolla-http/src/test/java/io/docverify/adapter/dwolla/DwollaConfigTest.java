package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.adapter.dwolla.DwollaConfig.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DwollaConfigTest {
    private static final String SECRET = "s3cr3t-value-that-must-not-leak";

    private static DwollaConfig.Builder credentials() {
        return DwollaConfig.builder().key("app-key-1234").secret(SECRET);
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        DwollaConfig c = credentials().build();

        assertThat(c.baseUrl()).isEqualTo(URI.create("https://api-sandbox.dwolla.com"));
        assertThat(c.timeouts().connect()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.timeouts().read()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.timeouts().upload()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.tokenRefreshMargin()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.retry().maxAttempts()).isEqualTo(5);
        assertThat(c.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.retry().multiplier()).isEqualTo(2.0);
        assertThat(c.retry().jitter()).isEqualTo(0.5);
        assertThat(c.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.retry().maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.circuitBreaker().failureRate()).isEqualTo(50f);
        assertThat(c.circuitBreaker().window()).isEqualTo(20);
        assertThat(c.circuitBreaker().minCalls()).isEqualTo(10);
        assertThat(c.circuitBreaker().openDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.circuitBreaker().halfOpenCalls()).isEqualTo(3);
        assertThat(c.rateLimit().perSecond()).isEqualTo(20);
        assertThat(c.rateLimit().maxWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.bulkhead().maxConcurrentUploads()).isEqualTo(16);
        assertThat(c.maxConnections()).isEqualTo(20);
        assertThat(c.lookupClockSkew()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void anEnvironmentOrAnyBaseUrlChoosesWhereDwollaIs() {
        assertThat(credentials().environment(Environment.PRODUCTION).build().baseUrl())
                .isEqualTo(URI.create("https://api.dwolla.com"));
        DwollaConfig local = credentials().baseUrl("http://127.0.0.1:8080/proxy/").build();
        assertThat(local.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/proxy"));
        assertThat(local.host()).isEqualTo("127.0.0.1:8080");
        assertThat(credentials().build().host()).isEqualTo("api-sandbox.dwolla.com");
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> credentials().baseUrl("ftp://dwolla.com").build()).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> credentials().baseUrl("https://u:p@dwolla.com").build())
                .hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> credentials().maxAttempts(0).build()).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> credentials().retryJitter(1.0).build()).hasMessageContaining("retryJitter");
        assertThatThrownBy(() -> credentials().readTimeout(Duration.ZERO).build()).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> credentials().retryMaxBackoff(Duration.ofMillis(100)).build())
                .hasMessageContaining("retryMaxBackoff");
        assertThatThrownBy(() -> DwollaConfig.builder().key("k").build()).hasMessageContaining("secret");
    }

    @Test
    void theSecretNeverAppearsInToString() {
        DwollaConfig c = credentials().build();

        assertThat(c.toString()).doesNotContain(SECRET).contains("secret=***").contains("baseUrl=");
        assertThat(c.toString()).doesNotContain("app-key-1234");
    }

    @Test
    void everyVariableIsReadFromTheEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("DWOLLA_ENVIRONMENT", "production");
        env.put("DWOLLA_KEY", "k");
        env.put("DWOLLA_SECRET", "s");
        env.put("DWOLLA_CONNECT_TIMEOUT", "2s");
        env.put("DWOLLA_READ_TIMEOUT", "1500ms");
        env.put("DWOLLA_UPLOAD_TIMEOUT", "PT2M");
        env.put("DWOLLA_TOKEN_REFRESH_MARGIN", "30s");
        env.put("DWOLLA_MAX_ATTEMPTS", "3");
        env.put("DWOLLA_RETRY_INITIAL_BACKOFF", "100ms");
        env.put("DWOLLA_RETRY_MULTIPLIER", "1.5");
        env.put("DWOLLA_RETRY_JITTER", "0");
        env.put("DWOLLA_RETRY_MAX_BACKOFF", "5s");
        env.put("DWOLLA_MAX_RETRY_AFTER", "5m");
        env.put("DWOLLA_CIRCUIT_FAILURE_RATE", "25");
        env.put("DWOLLA_CIRCUIT_WINDOW", "40");
        env.put("DWOLLA_CIRCUIT_MIN_CALLS", "8");
        env.put("DWOLLA_CIRCUIT_OPEN_DURATION", "1m");
        env.put("DWOLLA_CIRCUIT_HALF_OPEN_CALLS", "2");
        env.put("DWOLLA_RATE_LIMIT_PER_SECOND", "7");
        env.put("DWOLLA_RATE_LIMIT_MAX_WAIT", "0");
        env.put("DWOLLA_MAX_CONCURRENT_UPLOADS", "4");
        env.put("DWOLLA_MAX_CONNECTIONS", "9");
        env.put("DWOLLA_LOOKUP_CLOCK_SKEW", "1h");
        env.put("UNRELATED", "x");

        DwollaConfig c = DwollaConfig.fromEnvironment(env);

        assertThat(c).isEqualTo(DwollaConfig.builder().environment(Environment.PRODUCTION).key("k").secret("s")
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofMillis(1500))
                .uploadTimeout(Duration.ofMinutes(2)).tokenRefreshMargin(Duration.ofSeconds(30)).maxAttempts(3)
                .retryInitialBackoff(Duration.ofMillis(100)).retryMultiplier(1.5).retryJitter(0)
                .retryMaxBackoff(Duration.ofSeconds(5)).maxRetryAfter(Duration.ofMinutes(5)).circuitFailureRate(25)
                .circuitWindow(40).circuitMinCalls(8).circuitOpenDuration(Duration.ofMinutes(1))
                .circuitHalfOpenCalls(2).rateLimitPerSecond(7).rateLimitMaxWait(Duration.ZERO)
                .maxConcurrentUploads(4).maxConnections(9).lookupClockSkew(Duration.ofHours(1)).build());
    }

    @Test
    void theSettingsListNamesExactlyTheVariablesRead() {
        var asked = new java.util.TreeSet<String>();
        Map<String, String> recording = new HashMap<>(Map.of("P_KEY", "k", "P_SECRET", "s")) {
            @Override
            public String get(Object key) {
                asked.add(((String) key).substring("P_".length()));
                return super.get(key);
            }
        };

        DwollaConfig.fromEnvironment(recording, "P_");

        assertThat(asked).isEqualTo(new java.util.TreeSet<>(DwollaConfig.SETTINGS));
    }

    @Test
    void aBaseUrlWinsOverTheEnvironmentAndEmptyValuesCountAsUnset() {
        DwollaConfig c = DwollaConfig.fromEnvironment(Map.of("DWOLLA_ENVIRONMENT", "production",
                "DWOLLA_BASE_URL", "http://127.0.0.1:9999", "DWOLLA_KEY", "k", "DWOLLA_SECRET", "s",
                "DWOLLA_MAX_ATTEMPTS", " "));

        assertThat(c.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(c.retry().maxAttempts()).isEqualTo(5);
    }

    @Test
    void anotherPrefixReadsTheServicesVariables() {
        DwollaConfig c = DwollaConfig.fromEnvironment(Map.of("DOCVERIFY_DWOLLA_KEY", "k",
                "DOCVERIFY_DWOLLA_SECRET", "s", "DOCVERIFY_DWOLLA_ENVIRONMENT", "sandbox"), "DOCVERIFY_DWOLLA_");

        assertThat(c.baseUrl()).isEqualTo(Environment.SANDBOX.baseUrl());
    }

    @Test
    void aBadVariableIsNamedButTheSecretIsNeverEchoed() {
        assertThatThrownBy(() -> DwollaConfig.fromEnvironment(Map.of("DWOLLA_KEY", "k", "DWOLLA_SECRET", SECRET,
                "DWOLLA_READ_TIMEOUT", "soon")))
                .hasMessageContaining("DWOLLA_READ_TIMEOUT").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> DwollaConfig.fromEnvironment(Map.of("DWOLLA_KEY", "k", "DWOLLA_SECRET", SECRET,
                "DWOLLA_MAX_ATTEMPTS", "many")))
                .hasMessageContaining("DWOLLA_MAX_ATTEMPTS").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> DwollaConfig.fromEnvironment(Map.of("DWOLLA_KEY", "k", "DWOLLA_SECRET", SECRET,
                "DWOLLA_ENVIRONMENT", "staging")))
                .hasMessageContaining("DWOLLA_ENVIRONMENT");
        assertThatThrownBy(() -> DwollaConfig.fromEnvironment(Map.of("DWOLLA_KEY", "k")))
                .hasMessageContaining("DWOLLA_SECRET");
        assertThatThrownBy(() -> DwollaConfig.fromEnvironment(Map.of("DWOLLA_KEY", "k", "DWOLLA_SECRET", SECRET,
                "DWOLLA_MAX_ATTEMPTS", "0")))
                .hasMessageContaining("maxAttempts").hasMessageNotContaining(SECRET);
    }
}
