package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.contract.TestFiles;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DocumentRoutesTest {
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

    private String created(TestClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.body()).isEmpty();
        String location = answer.header("Location");
        assertThat(location).startsWith(server.baseUrl() + "/documents/");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void customerDocumentIsCreatedWithLocationAndReadBack() {
        String customer = Seeds.customerAwaitingDocuments(server);

        String id = created(client.upload("/customers/" + customer + "/documents", "passport", "id.png",
                TestFiles.png()));
        TestClient.Answer read = client.get("/documents/" + id);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Content-Type")).isEqualTo(TestClient.HAL);
        JsonNode document = read.json();
        assertThat(document.path("id").asText()).isEqualTo(id);
        assertThat(document.path("status").asText()).isEqualTo("pending");
        assertThat(document.path("type").asText()).isEqualTo("passport");
        assertThat(document.path("documentVerificationStatus").asText()).isEqualTo("pending");
        assertThat(document.path("_links").path("self").path("href").asText())
                .isEqualTo(server.baseUrl() + "/documents/" + id);
        assertThat(document.path("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(document.path("created").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(document.has("failureReason")).isFalse();
        assertThat(document.has("allFailureReasons")).isFalse();
    }

    @Test
    void uuidsAreComparedIgnoringCaseAsInDwollasOwnSamples() {
        String customer = Seeds.customerAwaitingDocuments(server);
        assertThat(customer).matches("[0-9a-f-]{36}");
        String upper = customer.toUpperCase(java.util.Locale.ROOT);

        String id = created(client.upload("/customers/" + upper + "/documents", "passport", "id.png",
                TestFiles.png()));
        TestClient.Answer read = client.get("/documents/" + id.toUpperCase(java.util.Locale.ROOT));
        TestClient.Answer list = client.get("/customers/" + upper.substring(0, 8).toLowerCase(java.util.Locale.ROOT)
                + upper.substring(8) + "/documents");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("id").asText()).isEqualTo(id);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void customerListIsHalWithEmbeddedDocumentsNewestFirstAndTotal() {
        String customer = Seeds.customerAwaitingDocuments(server);
        String first = created(client.upload("/customers/" + customer + "/documents", "passport", "a.png",
                TestFiles.png()));
        String second = created(client.upload("/customers/" + customer + "/documents", "license", "b.jpg",
                TestFiles.jpeg()));

        TestClient.Answer list = client.get("/customers/" + customer + "/documents");

        assertThat(list.status()).isEqualTo(200);
        JsonNode body = list.json();
        assertThat(body.path("total").asInt()).isEqualTo(2);
        assertThat(body.path("_links").path("self").path("href").asText())
                .isEqualTo(server.baseUrl() + "/customers/" + customer + "/documents");
        JsonNode documents = body.path("_embedded").path("documents");
        assertThat(documents).hasSize(2);
        assertThat(documents.get(0).path("id").asText()).isIn(first, second);
        assertThat(java.util.List.of(documents.get(0).path("id").asText(), documents.get(1).path("id").asText()))
                .containsExactlyInAnyOrder(first, second);
    }

    @Test
    void emptyListHasTotalZero() {
        String customer = Seeds.customerAwaitingDocuments(server);

        JsonNode body = client.get("/customers/" + customer + "/documents").json();

        assertThat(body.path("total").asInt()).isZero();
        assertThat(body.path("_embedded").path("documents")).isEmpty();
    }

    @Test
    void beneficialOwnerDocumentIsCreatedAndListed() {
        String owner = Seeds.beneficialOwner(server, BeneficialOwnerStatus.DOCUMENT);

        String id = created(client.upload("/beneficial-owners/" + owner + "/documents", "idCard", "card.png",
                TestFiles.png()));
        JsonNode body = client.get("/beneficial-owners/" + owner + "/documents").json();

        assertThat(body.path("total").asInt()).isEqualTo(1);
        assertThat(body.path("_embedded").path("documents").get(0).path("id").asText()).isEqualTo(id);
        assertThat(body.path("_embedded").path("documents").get(0).path("type").asText()).isEqualTo("idCard");
        assertThat(body.path("_links").path("self").path("href").asText())
                .endsWith("/beneficial-owners/" + owner + "/documents");
    }

    @Test
    void rejectedDocumentCarriesFailureReasonAndAllFailureReasons() {
        String customer = Seeds.customerAwaitingDocuments(server);
        String id = created(client.upload("/customers/" + customer + "/documents", "license", "l.png",
                TestFiles.png()));
        Seeds.review(server, id, ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE,
                KnownFailureReason.SCAN_ID_EXPIRED));

        JsonNode document = client.get("/documents/" + id).json();

        assertThat(document.path("status").asText()).isEqualTo("reviewed");
        assertThat(document.path("documentVerificationStatus").asText()).isEqualTo("rejected");
        assertThat(document.path("failureReason").asText()).isEqualTo("ScanNotReadable");
        JsonNode all = document.path("allFailureReasons");
        assertThat(all).hasSize(2);
        assertThat(all.get(0).path("reason").asText()).isEqualTo("ScanNotReadable");
        assertThat(all.get(0).path("description").asText()).isNotBlank();
        assertThat(all.get(1).path("reason").asText()).isEqualTo("ScanIdExpired");
    }

    @Test
    void acceptedDocumentIsReviewedAndAccepted() {
        String customer = Seeds.customerAwaitingDocuments(server);
        String id = created(client.upload("/customers/" + customer + "/documents", "passport", "p.png",
                TestFiles.png()));
        Seeds.review(server, id, ReviewDecision.accept());

        JsonNode document = client.get("/documents/" + id).json();

        assertThat(document.path("status").asText()).isEqualTo("reviewed");
        assertThat(document.path("documentVerificationStatus").asText()).isEqualTo("accepted");
        assertThat(document.has("failureReason")).isFalse();
    }

    @Test
    void businessDocumentMayBeAPdf() {
        String business = Seeds.customer(server, CustomerType.BUSINESS, CustomerStatus.DOCUMENT);

        created(client.upload("/customers/" + business + "/documents", "other", "ein.pdf", TestFiles.pdf()));
    }

    @Test
    void fileBeforeDocumentTypeIsAcceptedToo() {
        String customer = Seeds.customerAwaitingDocuments(server);

        String id = created(client.uploadFileFirst("/customers/" + customer + "/documents", "passport", "p.png",
                TestFiles.png()));

        assertThat(client.get("/documents/" + id).json().path("type").asText()).isEqualTo("passport");
    }
}
