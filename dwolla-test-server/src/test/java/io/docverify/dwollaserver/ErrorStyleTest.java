package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.ports.contract.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The changelog's ValidationError shape of upload refusals, next to the endpoint tables' top-level codes. */
class ErrorStyleTest {
    private DwollaTestServer server;
    private TestClient client;
    private String customer;

    @BeforeEach
    void start() {
        server = DwollaTestServer.start(DwollaServerConfig.builder().errorStyle(ErrorStyle.VALIDATION_ERROR).build());
        client = new TestClient(server, true);
        client.login();
        customer = Seeds.customerAwaitingDocuments(server);
    }

    @AfterEach
    void stop() {
        assertThat(server.openApiViolations()).isEmpty();
        server.close();
    }

    private static JsonNode embedded(TestClient.Answer answer, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("ValidationError");
        JsonNode error = answer.json().path("_embedded").path("errors").get(0);
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("path").asText()).isEqualTo("/file");
        return error;
    }

    @Test
    void invalidFileTypeIsAnEmbeddedInvalid() {
        JsonNode error = embedded(client.upload("/customers/" + customer + "/documents", "passport", "x.gif",
                TestFiles.gif()), "Invalid");

        assertThat(error.path("message").asText()).isEqualTo("Invalid file type");
    }

    @Test
    void fileTooLargeIsAnEmbeddedFileTooLarge() {
        embedded(client.upload("/customers/" + customer + "/documents", "passport", "big.png",
                TestFiles.png((int) UploadLimits.TEN_MIB + 1)), "FileTooLarge");
    }

    @Test
    void duplicateIsAnEmbeddedDuplicateLinkingTheExistingDocument() {
        byte[] file = TestFiles.png();
        String location = client.upload("/customers/" + customer + "/documents", "passport", "p.png", file)
                .header("Location");

        JsonNode error = embedded(client.upload("/customers/" + customer + "/documents", "passport", "p.png", file),
                "Duplicate");

        assertThat(error.path("_links").path("about").path("href").asText()).isEqualTo(location);
    }

    @Test
    void theStyleCanBeSwitchedWhileRunning() {
        server.errorStyle(ErrorStyle.ENDPOINT_TABLE);

        TestClient.Answer answer = client.upload("/customers/" + customer + "/documents", "passport", "x.gif",
                TestFiles.gif());

        assertThat(answer.code()).isEqualTo("invalidFileType");
        assertThat(server.errorStyle()).isEqualTo(ErrorStyle.ENDPOINT_TABLE);
    }

    @Test
    void errorsTheStylesAgreeOnAreUnchanged() {
        TestClient.Answer answer = client.upload("/customers/nobody/documents", "passport", "p.png", TestFiles.png());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("notFound");
    }
}
