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
