package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.upload.UploadLimits;
import io.docverify.ports.contract.TestFiles;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dwolla's 10 MiB limit: both sides of the boundary, and oversized bodies refused without reading them whole. */
class UploadLimitsTest {
    private static final int TEN_MIB = (int) UploadLimits.TEN_MIB;

    private DwollaTestServer server;
    private TestClient client;
    private String customer;

    @BeforeEach
    void start() {
        server = DwollaTestServer.start(DwollaServerConfig.builder().build());
        client = new TestClient(server, true);
        client.login();
        customer = Seeds.customerAwaitingDocuments(server);
        server.journal().clear();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RecordedRequest lastCreate() {
        var creates = server.journal().of(Route.CREATE_CUSTOMER_DOCUMENT);
        return creates.get(creates.size() - 1);
    }

    @Test
    void exactlyTenMebibytesIsAccepted() {
        TestClient.Answer answer = client.upload("/customers/" + customer + "/documents", "passport", "big.png",
                TestFiles.png(TEN_MIB));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(Seeds.customerDocuments(server, customer)).isEqualTo(1);
        assertThat(server.openApiViolations()).isEmpty();
    }

    @Test
    void oneByteMoreIs413FileTooLarge() {
        TestClient.Answer answer = client.upload("/customers/" + customer + "/documents", "passport", "big.png",
                TestFiles.png(TEN_MIB + 1));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertThat(answer.code()).isEqualTo("fileTooLarge");
        assertThat(answer.json().path("message").asText()).isEqualTo("Document requests are limited to 10 MiB.");
        assertThat(Seeds.customerDocuments(server, customer)).isZero();
        assertThat(server.openApiViolations()).isEmpty();
    }

    @Test
    void oversizedChunkedUploadIsRefusedAtTheLimitNotAtTheEnd() {
        long size = 40L * 1024 * 1024;
        try {
            client.uploadChunked("/customers/" + customer + "/documents", "passport", "huge.png",
                    Generated.png(size));
        } catch (RuntimeException brokenPipe) {
            // the server closes the connection after its answer; the client may see that instead of the 413
        }

        RecordedRequest refused = lastCreate();
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.bodyBytes()).as("read up to the limit, not the 40 MiB")
                .isGreaterThan(TEN_MIB)
                .isLessThan(TEN_MIB + 2L * 1024 * 1024);
        assertThat(Seeds.customerDocuments(server, customer)).isZero();
    }

    @Test
    void contentLengthAboveTheLimitIsRefusedBeforeReadingTheBody() {
        long size = 30L * 1024 * 1024;
        Flow.Publisher<ByteBuffer> zeros = subscriber -> {
            var publisher = new SubmissionPublisher<ByteBuffer>();
            publisher.subscribe(subscriber);
            new Thread(() -> {
                try {
                    for (long sent = 0; sent < size; sent += 64 * 1024) {
                        publisher.submit(ByteBuffer.allocate((int) Math.min(64 * 1024, size - sent)));
                    }
                    publisher.close();
                } catch (RuntimeException cancelled) {
                    publisher.closeExceptionally(cancelled);
                }
            }).start();
        };
        HttpRequest request = client.authorized(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/customers/" + customer + "/documents")))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.fromPublisher(zeros, size)).build();
        int status;
        try {
            status = client.send(request).status();
        } catch (RuntimeException brokenPipe) {
            status = -1;
        }

        RecordedRequest refused = lastCreate();
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.bodyBytes()).as("refused from the headers").isLessThan(1024 * 1024);
        assertThat(status).isIn(413, -1);
    }
}
