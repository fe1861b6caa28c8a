package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.ports.contract.TestFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DwollaServerMainTest {
    @Test
    void startsWithTheGivenCredentialsAndSeedsOwnersInDocumentStatus() {
        try (DwollaTestServer server = DwollaServerMain.start(new String[] {"--port", "0", "--key", "qa-key",
                "--token-ttl", "PT5M", "--customer", "c-1", "--beneficial-owner", "b-1", "--no-openapi"},
                Map.of("DWOLLA_TEST_SECRET", "qa-secret"))) {
            var client = new TestClient(server);

            var token = client.token("qa-key", "qa-secret", "grant_type=client_credentials");
            assertThat(token.status()).isEqualTo(200);
            assertThat(token.json().path("expires_in").asLong()).isEqualTo(300);
            client.useToken(token.json().path("access_token").asText());
            assertThat(client.upload("/customers/c-1/documents", "passport", "p.png", TestFiles.png()).status())
                    .isEqualTo(201);
            assertThat(client.upload("/beneficial-owners/b-1/documents", "passport", "p.png", TestFiles.png())
                    .status()).isEqualTo(201);
            assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
            assertThat(server.config().validateAgainstOpenApi()).isFalse();
        }
    }

    @Test
    void ownersSeededWithUuidsInDwollasMixedCaseAnswerInAnyCase() {
        try (DwollaTestServer server = DwollaServerMain.start(new String[] {"--key", "key", "--secret", "secret",
                "--customer", "1de32eC7-ff0b-4c0c-9f09-19629e6788ce",
                "--beneficial-owner", "1DE32EC7-FF0B-4C0C-9F09-19629E6788CE"}, Map.of())) {
            var client = new TestClient(server);
            client.login();

            assertThat(client.upload("/customers/1DE32EC7-FF0B-4C0C-9F09-19629E6788CE/documents", "passport", "p.png",
                    TestFiles.png()).status()).isEqualTo(201);
            assertThat(client.get("/customers/1de32ec7-ff0b-4c0c-9f09-19629e6788ce").json().path("id").asText())
                    .isEqualTo("1de32ec7-ff0b-4c0c-9f09-19629e6788ce");
            assertThat(client.upload("/beneficial-owners/1de32ec7-ff0b-4c0c-9f09-19629e6788ce/documents", "passport",
                    "p.png", TestFiles.png()).status()).isEqualTo(201);
            assertThat(server.openApiViolations()).isEmpty();
        }
    }

    @Test
    void variablesConfigureTheSandboxAndFlagsWinOverThem() {
        var options = SandboxOptions.parse(new String[] {"--port", "0", "--key", "flag-key"}, Map.of(
                "DWOLLA_SANDBOX_PORT", "9", "DWOLLA_SANDBOX_KEY", "env-key", "DWOLLA_SANDBOX_SECRET", "env-secret",
                "DWOLLA_SANDBOX_TOKEN_TTL", "5m", "DWOLLA_SANDBOX_OPENAPI", "false",
                "DWOLLA_SANDBOX_CUSTOMERS", "c-1, c-2", "DWOLLA_SANDBOX_BENEFICIAL_OWNERS", "b-1",
                "DWOLLA_SANDBOX_HOST", "0.0.0.0", "DWOLLA_SANDBOX_LOG_LEVEL", "debug"));

        assertThat(options.config().port()).isZero();
        assertThat(options.config().key()).isEqualTo("flag-key");
        assertThat(options.config().secret()).isEqualTo("env-secret");
        assertThat(options.config().tokenTtl()).hasMinutes(5);
        assertThat(options.config().validateAgainstOpenApi()).isFalse();
        assertThat(options.config().host()).isEqualTo("0.0.0.0");
        assertThat(options.customers()).containsExactly("c-1", "c-2");
        assertThat(options.beneficialOwners()).containsExactly("b-1");
        assertThat(options.logLevel()).isEqualTo("DEBUG");
    }

    @Test
    void withoutCredentialsRandomOnesAreMadeAndPrintedWithTheBaseUrlOnly() {
        var first = SandboxOptions.parse(new String[0], Map.of()).config();
        var second = SandboxOptions.parse(new String[0], Map.of()).config();
        assertThat(first.key()).isNotEqualTo(second.key());
        assertThat(first.secret()).isNotEqualTo(second.secret()).hasSize(40);

        try (DwollaTestServer server = DwollaServerMain.start(new String[] {"--no-openapi"}, Map.of())) {
            var bytes = new java.io.ByteArrayOutputStream();
            DwollaServerMain.printCredentials(server, new java.io.PrintStream(bytes, true,
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines()).containsExactly(
                    "DWOLLA_SANDBOX_URL=" + server.baseUrl(), "DWOLLA_SANDBOX_KEY=" + server.config().key(),
                    "DWOLLA_SANDBOX_SECRET=" + server.config().secret());
            var token = new TestClient(server).token(server.config().key(), server.config().secret(),
                    "grant_type=client_credentials");
            assertThat(token.status()).isEqualTo(200);
        }
    }

    @Test
    void theStateIntervalIsAMinuteByDefaultOffDisablesItAndTheFlagWins() {
        assertThat(SandboxOptions.parse(new String[0], Map.of()).config().stateInterval()).hasSeconds(60);
        assertThat(SandboxOptions.parse(new String[0], Map.of("DWOLLA_SANDBOX_STATE_INTERVAL", "off")).config()
                .stateInterval()).isZero();
        assertThat(SandboxOptions.parse(new String[0], Map.of("DWOLLA_SANDBOX_STATE_INTERVAL", "0")).config()
                .stateInterval()).isZero();
        assertThat(SandboxOptions.parse(new String[] {"--state-interval", "PT2S"},
                Map.of("DWOLLA_SANDBOX_STATE_INTERVAL", "5m")).config().stateInterval()).hasSeconds(2);
        assertThat(SandboxOptions.parse(new String[] {"--state-interval", "500ms"}, Map.of()).config()
                .stateInterval()).hasMillis(500);
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--state-interval", "often"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--state-interval")
                .hasMessageContaining("DWOLLA_SANDBOX_STATE_INTERVAL");
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--state-interval"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--state-interval");
        assertThat(SandboxOptions.USAGE).contains("--state-interval").contains("DWOLLA_SANDBOX_STATE_INTERVAL");
    }

    @Test
    void badVariablesAreRefusedByName() {
        assertThatThrownBy(() -> SandboxOptions.parse(new String[0], Map.of("DWOLLA_SANDBOX_OPENAPI", "maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DWOLLA_SANDBOX_OPENAPI");
        assertThatThrownBy(() -> SandboxOptions.parse(new String[0], Map.of("DWOLLA_SANDBOX_LOG_LEVEL", "loud")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log level");
        assertThatThrownBy(() -> SandboxOptions.parse(new String[0], Map.of("DWOLLA_SANDBOX_PORT", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void helpStartsNothingAndBadArgumentsAreRefusedBeforeStarting() {
        assertThat(DwollaServerMain.start(new String[] {"--help"}, Map.of())).isNull();
        assertThatThrownBy(() -> DwollaServerMain.start(new String[] {"--port"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--port");
        assertThatThrownBy(() -> DwollaServerMain.start(new String[] {"--bogus"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> DwollaServerMain.start(new String[] {"--port", "x"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
