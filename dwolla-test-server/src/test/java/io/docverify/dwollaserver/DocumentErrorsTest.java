package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.ports.contract.TestFiles;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every error the documents routes answer, in Dwolla's two shapes, with the status FACTS.md gives. */
class DocumentErrorsTest {
    private DwollaTestServer server;
    private TestClient client;

    @BeforeEach
    void start() {
        server = DwollaTestServer.start(DwollaServerConfig.builder().build());
        client = new TestClient(server);
        client.login();
    }

    @AfterEach
    void stop() {
        assertThat(server.openApiViolations()).as("every request and answer follows Dwolla's OpenAPI").isEmpty();
        server.close();
    }

    private static void assertError(TestClient.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo(TestClient.HAL);
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.json().path("message").asText()).isNotBlank();
    }

    private static void assertValidationError(TestClient.Answer answer, String path) {
        assertError(answer, 400, "ValidationError");
        JsonNode errors = answer.json().path("_embedded").path("errors");
        assertThat(errors).isNotEmpty();
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.path("path").asText()).isEqualTo(path);
            assertThat(e.path("code").asText()).isNotBlank();
            assertThat(e.path("message").asText()).isNotBlank();
        });
    }

    @Test
    void unknownCustomerIsTheUploadPagesNotFoundOnCreateAndTheGenericNotFoundOnList() {
        TestClient.Answer create = client.upload("/customers/no-such-customer/documents", "passport", "p.png",
                TestFiles.png());
        assertError(create, 404, "notFound");
        assertThat(create.json().path("message").asText()).isEqualTo("Customer not found. Check CustomerId.");
        TestClient.Answer list = client.get("/customers/no-such-customer/documents");
        assertError(list, 404, "NotFound");
        assertThat(list.json().path("message").asText()).isEqualTo("The requested resource was not found.");
    }

    @Test
    void unknownBeneficialOwnerIs404NotFoundOnCreateAndList() {
        assertError(client.upload("/beneficial-owners/nobody/documents", "passport", "p.png", TestFiles.png()),
                404, "notFound");
        assertError(client.get("/beneficial-owners/nobody/documents"), 404, "NotFound");
    }

    @Test
    void unknownOrMalformedDocumentIs404NotFound() {
        TestClient.Answer unknown = client.get("/documents/11fe0bab-39bd-42ee-bb39-275afcc050d0");
        assertError(unknown, 404, "NotFound");
        assertThat(unknown.json().path("message").asText()).isEqualTo("The requested resource was not found.");
        assertError(client.get("/documents/%20bad%20id"), 404, "NotFound");
    }

    @Test
    void verifiedCustomerMayNotUploadAndGets403InvalidResourceState() {
        String verified = Seeds.customer(server, CustomerType.PERSONAL, CustomerStatus.VERIFIED);

        assertError(client.upload("/customers/" + verified + "/documents", "passport", "p.png", TestFiles.png()),
                403, "invalidResourceState");
        assertThat(Seeds.customerDocuments(server, verified)).isZero();
    }

    @Test
    void gifIs400InvalidFileTypeWhateverItsName() {
        String customer = Seeds.customerAwaitingDocuments(server);

        assertError(client.upload("/customers/" + customer + "/documents", "passport", "looks-like.png",
                TestFiles.gif()), 400, "invalidFileType");
    }

    @Test
    void pdfOfAPersonalCustomerIs400InvalidFileType() {
        String customer = Seeds.customerAwaitingDocuments(server);

        assertError(client.upload("/customers/" + customer + "/documents", "passport", "p.pdf", TestFiles.pdf()),
                400, "invalidFileType");
    }

    @Test
    void fifthPendingUploadIs400MaximumNumberOfResources() {
        String customer = Seeds.customerAwaitingDocuments(server);
        for (int i = 0; i < 4; i++) {
            assertThat(client.upload("/customers/" + customer + "/documents", "passport", "p.png", TestFiles.png())
                    .status()).isEqualTo(201);
        }

        assertError(client.upload("/customers/" + customer + "/documents", "passport", "p.png", TestFiles.png()),
                400, "maximumNumberOfResources");
        assertThat(Seeds.customerDocuments(server, customer)).isEqualTo(4);
    }

    @Test
    void sameFileAgainIs400DuplicateResourceLinkingTheExistingDocument() {
        String customer = Seeds.customerAwaitingDocuments(server);
        byte[] file = TestFiles.png();
        String location = client.upload("/customers/" + customer + "/documents", "passport", "p.png", file)
                .header("Location");

        TestClient.Answer again = client.upload("/customers/" + customer + "/documents", "passport", "p.png", file);

        assertError(again, 400, "DuplicateResource");
        assertThat(again.json().path("_links").path("about").path("href").asText()).isEqualTo(location);
    }

    @Test
    void unknownDocumentTypeIsAValidationErrorOnDocumentType() {
        String customer = Seeds.customerAwaitingDocuments(server);

        assertValidationError(client.upload("/customers/" + customer + "/documents", "Passport", "p.png",
                TestFiles.png()), "/documentType");
    }

    @Test
    void missingDocumentTypeIsAValidationErrorOnDocumentType() {
        String customer = Seeds.customerAwaitingDocuments(server);

        assertValidationError(client.upload("/customers/" + customer + "/documents", null, "p.png",
                TestFiles.png()), "/documentType");
        assertThat(Seeds.customerDocuments(server, customer)).isZero();
    }

    @Test
    void missingFileIsAValidationErrorOnFile() {
        String customer = Seeds.customerAwaitingDocuments(server);
        String boundary = "----nofile";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\npassport\r\n--"
                + boundary + "--\r\n";

        TestClient.Answer answer = client.send(client.authorized(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/customers/" + customer + "/documents")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertValidationError(answer, "/file");
    }

    @Test
    void emptyFileIsAValidationErrorOnFile() {
        String customer = Seeds.customerAwaitingDocuments(server);

        assertValidationError(client.upload("/customers/" + customer + "/documents", "passport", "p.png",
                new byte[0]), "/file");
    }

    @Test
    void nonMultipartUploadIs415UnsupportedRequestContentType() {
        String customer = Seeds.customerAwaitingDocuments(server);

        TestClient.Answer answer = client.send(client.authorized(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/customers/" + customer + "/documents")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"documentType\":\"passport\"}")).build());

        assertError(answer, 415, "UnsupportedRequestContentType");
        server.clearOpenApiViolations(); // a JSON body is (rightly) a request violation too
    }

    @Test
    void sameIdempotencyKeyForAnotherFileIs400IdempotencyKeyReused() {
        String customer = Seeds.customerAwaitingDocuments(server);
        var key = java.util.Map.of("Idempotency-Key", "key-1");
        assertThat(client.upload("/customers/" + customer + "/documents", "passport", "p.png", TestFiles.png(), key)
                .status()).isEqualTo(201);

        TestClient.Answer other = client.upload("/customers/" + customer + "/documents", "passport", "p.png",
                TestFiles.png(), key);

        assertError(other, 400, "IdempotencyKeyReused");
        assertThat(Seeds.customerDocuments(server, customer)).isEqualTo(1);
    }

    @Test
    void malformedIdempotencyKeyIsAValidationError() {
        String customer = Seeds.customerAwaitingDocuments(server);

        assertValidationError(client.upload("/customers/" + customer + "/documents", "passport", "p.png",
                TestFiles.png(), java.util.Map.of("Idempotency-Key", "x".repeat(256))), "/idempotencyKey");
        server.clearOpenApiViolations(); // the header's maxLength is in the description too
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        TestClient.Answer nothing = client.get("/nothing-here");
        assertError(nothing, 404, "NotFound");
        assertThat(nothing.json().path("message").asText()).isEqualTo("The requested resource was not found.");
        TestClient.Answer delete = client.send(client.authorized(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/documents/abc"))).DELETE().build());
        assertError(delete, 405, "MethodNotAllowed");
        server.clearOpenApiViolations(); // neither operation is in the description
    }
}
