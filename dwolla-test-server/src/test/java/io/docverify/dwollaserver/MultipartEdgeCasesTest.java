package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.ports.contract.TestFiles;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MultipartEdgeCasesTest {
    private DwollaTestServer server;
    private TestClient client;
    private String customer;

    @BeforeEach
    void start() {
        server = DwollaTestServer.start(DwollaServerConfig.builder()
                .backend(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO)).build());
        client = new TestClient(server, true);
        client.login();
        customer = Seeds.customerAwaitingDocuments(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestClient.Answer post(String contentType, String body) {
        return client.send(client.authorized(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/customers/" + customer + "/documents")))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.ISO_8859_1))).build());
    }

    @Test
    void truncatedMultipartIs400BadRequestAndCreatesNothing() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\npassport\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n\r\n"
                + new String(TestFiles.png(64), StandardCharsets.ISO_8859_1); // no closing delimiter

        TestClient.Answer answer = post("multipart/form-data; boundary=b", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("BadRequest");
        assertThat(Seeds.customerDocuments(server, customer)).isZero();
    }

    @Test
    void multipartWithoutBoundaryIs400BadRequest() {
        TestClient.Answer answer = post("multipart/form-data", "--b--\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("BadRequest");
    }

    @Test
    void onlyTheFirstFilePartCounts() {
        byte[] png = TestFiles.png();
        String b = "two-files";
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + b + "\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nlicense\r\n"
                + "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"one.png\"\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(png);
        out.writeBytes(("\r\n--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"two.gif\"\r\n\r\n"
                + "GIF89a-not-an-id\r\n--" + b + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));

        TestClient.Answer answer = client.send(client.authorized(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/customers/" + customer + "/documents")))
                .header("Content-Type", "multipart/form-data; boundary=" + b)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());

        assertThat(answer.status()).isEqualTo(201);
        assertThat(Seeds.customerDocuments(server, customer)).isEqualTo(1);
    }

    @Test
    void clientGoingAwayMidUploadCreatesNothingAndIsJournaledUnanswered() throws Exception {
        String token = client.login();
        String boundary = "gone";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\npassport\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", URI.create(server.baseUrl()).getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /customers/" + customer + "/documents HTTP/1.1\r\nHost: x\r\n"
                    + "Accept: " + TestClient.HAL + "\r\nAuthorization: Bearer " + token + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                    + "Content-Length: 1000000\r\n\r\n" + head).getBytes(StandardCharsets.ISO_8859_1));
            out.write(TestFiles.png(5000));
            out.flush();
            org.awaitility.Awaitility.await().until(() -> server.journal().inFlight().stream()
                    .anyMatch(r -> r.bodyBytes() > 5000));
        }

        org.awaitility.Awaitility.await().until(() -> !server.journal().of(Route.CREATE_CUSTOMER_DOCUMENT).isEmpty());
        assertThat(server.journal().of(Route.CREATE_CUSTOMER_DOCUMENT).get(0).status())
                .isEqualTo(RecordedRequest.NO_RESPONSE);
        assertThat(Seeds.customerDocuments(server, customer)).isZero();
        assertThat(client.upload("/customers/" + customer + "/documents", "passport", "p.png", TestFiles.png())
                .status()).as("the key-less owner can upload again").isEqualTo(201);
    }

    @Test
    void dwollasSampleImagesAreReviewedLikeInDwollasSandbox() throws Exception {
        byte[] success = Files.readAllBytes(Path.of(getClass().getResource("/test-document-upload-success.png").toURI()));
        byte[] fail = Files.readAllBytes(Path.of(getClass().getResource("/test-document-upload-fail.png").toURI()));
        String other = Seeds.customerAwaitingDocuments(server);

        String approved = client.upload("/customers/" + customer + "/documents", "passport",
                "test-document-upload-success.png", success).header("Location").replaceAll(".*/", "");
        String failed = client.upload("/customers/" + other + "/documents", "passport",
                "test-document-upload-fail.png", fail).header("Location").replaceAll(".*/", "");

        assertThat(client.get("/documents/" + approved).json().path("documentVerificationStatus").asText())
                .isEqualTo("accepted");
        var rejected = client.get("/documents/" + failed).json();
        assertThat(rejected.path("documentVerificationStatus").asText()).isEqualTo("rejected");
        assertThat(rejected.path("failureReason").asText()).isNotBlank();
        assertThat(server.openApiViolations()).isEmpty();
    }
}
