package io.docverify.dwollaserver;

import io.docverify.ports.contract.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.inmemory.InMemoryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenAndAuthTest {
    private DwollaTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestClient start(DwollaServerConfig config) {
        server = DwollaTestServer.start(config);
        return new TestClient(server);
    }

    @Test
    void tokenIsIssuedForTheConfiguredKeyAndSecretWithItsLifetime() {
        TestClient client = start(DwollaServerConfig.builder().key("k1").secret("s1")
                .tokenTtl(Duration.ofMinutes(7)).build());

        TestClient.Answer answer = client.token("k1", "s1", "grant_type=client_credentials");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().path("access_token").asText()).hasSize(50).matches("[A-Za-z0-9]+");
        assertThat(answer.json().path("token_type").asText()).isEqualTo("bearer");
        assertThat(answer.json().path("expires_in").asLong()).isEqualTo(420);
        assertThat(server.openApiViolations()).isEmpty();
    }

    @Test
    void wrongSecretWrongKeyOrNoCredentialsAreRefusedInOAuthShape() {
        TestClient client = start(DwollaServerConfig.builder().key("k1").secret("s1").build());

        for (TestClient.Answer answer : new TestClient.Answer[] {
                client.token("k1", "wrong", "grant_type=client_credentials"),
                client.token("other", "s1", "grant_type=client_credentials"),
                client.token(null, null, "grant_type=client_credentials")}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().path("error").asText()).isEqualTo("invalid_client");
        }
    }

    @Test
    void theCredentialsMayComeAsFormFieldsAsDwollasSdksSendThem() {
        TestClient client = start(DwollaServerConfig.builder().key("k1").secret("s 1&").build());

        TestClient.Answer answer = client.tokenByForm(
                "client_id=k1&client_secret=s+1%26&grant_type=client_credentials");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("access_token").asText()).hasSize(50);
        assertThat(server.openApiViolations()).isEmpty();
        for (String refused : new String[] {"client_id=k1&client_secret=wrong&grant_type=client_credentials",
                "client_id=k2&client_secret=s+1%26&grant_type=client_credentials",
                "client_id=k1&grant_type=client_credentials", "grant_type=client_credentials"}) {
            TestClient.Answer no = client.tokenByForm(refused);
            assertThat(no.status()).as(refused).isEqualTo(401);
            assertThat(no.json().path("error").asText()).isEqualTo("invalid_client");
        }
        // A request without any credentials still breaks the description (basicAuth is waived only for the fields).
        assertThat(server.openApiViolations()).anySatisfy(v -> assertThat(v).contains("security"));
    }

    @Test
    void aBasicHeaderIsJudgedAloneEvenWithFormFields() {
        TestClient client = start(DwollaServerConfig.builder().key("k1").secret("s1").build());

        assertThat(client.token("k1", "wrong", "client_id=k1&client_secret=s1&grant_type=client_credentials")
                .status()).isEqualTo(401);
    }

    @Test
    void anotherGrantTypeIsRefused() {
        TestClient client = start(DwollaServerConfig.builder().build());

        TestClient.Answer answer = client.token("key", "secret", "grant_type=password");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(server.openApiViolations()).anySatisfy(v -> assertThat(v).contains("grant_type"));
    }

    @Test
    void anOversizedTokenFormIsRefusedAndJournaled() {
        TestClient client = start(DwollaServerConfig.builder().build());

        TestClient.Answer answer = client.token("key", "secret",
                "grant_type=client_credentials&pad=" + "x".repeat(Handlers.MAX_TOKEN_FORM_BYTES));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(server.journal().of(Route.TOKEN)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(413));
    }

    @Test
    void formFieldsAreUrlDecoded() {
        assertThat(Handlers.formField("a=1&grant_type=client%5Fcredentials", "grant_type"))
                .isEqualTo("client_credentials");
        assertThat(Handlers.formField("grant_type", "grant_type")).isEmpty();
        assertThat(Handlers.formField("other=1", "grant_type")).isNull();
        assertThat(Handlers.formField("grant_type=%zz", "grant_type")).isNull();
    }

    @Test
    void aMissingAuthorizationIsInvalidCredentialsAndAnUnknownBearerTokenAnInvalidAccessToken() {
        TestClient client = start(DwollaServerConfig.builder().build());
        String customer = Seeds.customerAwaitingDocuments(server);

        TestClient.Answer none = client.get("/customers/" + customer + "/documents");
        client.useToken("not-a-token-the-server-issued");
        TestClient.Answer unknown = client.get("/customers/" + customer + "/documents");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("Content-Type")).isEqualTo(TestClient.HAL);
        assertThat(none.code()).isEqualTo("InvalidCredentials");
        assertThat(none.json().path("message").asText()).isEqualTo("Missing or invalid Authorization header.");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.header("Content-Type")).isEqualTo(TestClient.HAL);
        assertThat(unknown.code()).isEqualTo("InvalidAccessToken");
        assertThat(unknown.json().path("message").asText()).isEqualTo("Invalid access token.");
        // The request without a token broke the description (bearerAuth); the answers did not.
        assertThat(server.openApiViolations()).singleElement()
                .satisfies(v -> assertThat(v).startsWith("request GET").contains("security"));
    }

    @Test
    void expireAllTokensMakesIssuedTokensExpiredAndNewTokensWork() {
        TestClient client = start(DwollaServerConfig.builder().build());
        String customer = Seeds.customerAwaitingDocuments(server);
        client.login();
        assertThat(client.get("/customers/" + customer + "/documents").status()).isEqualTo(200);

        server.expireAllTokens();
        TestClient.Answer expired = client.get("/customers/" + customer + "/documents");
        client.login();
        TestClient.Answer fresh = client.get("/customers/" + customer + "/documents");

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.code()).isEqualTo("ExpiredAccessToken");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(server.openApiViolations()).isEmpty();
    }

    @Test
    void aTokenExpiresAfterItsLifetime() {
        var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        TestClient client = start(DwollaServerConfig.builder().tokenTtl(Duration.ofSeconds(60)).clock(clock)
                .backend(InMemoryConfig.DEFAULTS.withClock(clock)).build());
        String customer = Seeds.customerAwaitingDocuments(server);
        client.login();

        clock.advance(Duration.ofSeconds(59));
        int justBefore = client.get("/customers/" + customer + "/documents").status();
        clock.advance(Duration.ofSeconds(1));
        TestClient.Answer atExpiry = client.get("/customers/" + customer + "/documents");

        assertThat(justBefore).isEqualTo(200);
        assertThat(atExpiry.status()).isEqualTo(401);
        assertThat(atExpiry.code()).isEqualTo("ExpiredAccessToken");
    }

    @Test
    void withoutDwollasAcceptHeaderTheAnswerIs406InvalidVersion() {
        TestClient client = start(DwollaServerConfig.builder().build());
        String customer = Seeds.customerAwaitingDocuments(server);
        String token = client.login();

        TestClient.Answer answer = client.get("/customers/" + customer + "/documents",
                Map.of("Authorization", "Bearer " + token, "Accept", "application/json"));

        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.code()).isEqualTo("InvalidVersion");
        // The request broke the description (Accept is a required header with one allowed value), the answer did not.
        assertThat(server.openApiViolations()).isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("request GET"))
                .anySatisfy(v -> assertThat(v).contains("Accept"));
    }

    @Test
    void violationsAndJournalNeverContainTheTokenOrCredentials() {
        TestClient client = start(DwollaServerConfig.builder().key("the-key").secret("the-secret").build());
        String token = client.token("the-key", "the-secret", "grant_type=client_credentials")
                .json().path("access_token").asText();
        client.get("/documents/x", Map.of("Authorization", "Bearer " + token, "Accept", "text/plain"));

        String everything = server.journal().all() + " " + server.openApiViolations();
        assertThat(everything).doesNotContain(token).doesNotContain("the-secret")
                .doesNotContain("dGhlLWtleTp0aGUtc2VjcmV0"); // base64 of the-key:the-secret
        assertThat(server.config().toString()).doesNotContain("the-secret");
    }
}
