package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.ports.contract.TestFiles;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on uploads, as Dwolla documents it for POSTs: replay within 24 h, 409 while in flight. */
class HttpIdempotencyTest {
    private DwollaTestServer server;
    private TestClient client;
    private String customer;

    @BeforeEach
    void start() {
        server = DwollaTestServer.start(DwollaServerConfig.builder().build());
        client = new TestClient(server, true);
        client.login();
        customer = Seeds.customerAwaitingDocuments(server);
    }

    @AfterEach
    void stop() {
        assertThat(server.openApiViolations()).isEmpty();
        server.close();
    }

    @Test
    void sameKeyAndSameUploadReplaysTheOriginal201AndCreatesNothingNew() {
        byte[] file = TestFiles.png();
        var key = Map.of("Idempotency-Key", "19051a62-3403-11e6-ac61-9e71128cae77");

        TestClient.Answer first = client.upload("/customers/" + customer + "/documents", "passport", "p.png", file, key);
        TestClient.Answer replay = client.upload("/customers/" + customer + "/documents", "passport", "p.png", file,
                key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(Seeds.customerDocuments(server, customer)).isEqualTo(1);
    }

    @Test
    void sameFileWithoutKeyIsADuplicateNotAReplay() {
        byte[] file = TestFiles.png();

        client.upload("/customers/" + customer + "/documents", "passport", "p.png", file);
        TestClient.Answer again = client.upload("/customers/" + customer + "/documents", "passport", "p.png", file);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("DuplicateResource");
    }

    @Test
    void replayAfterALostResponseReturnsTheDocumentTheLostAttemptCreated() {
        byte[] file = TestFiles.png();
        var key = Map.of("Idempotency-Key", "lost-response");
        server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.resetAfterProcessing(), 1);
        try {
            client.upload("/customers/" + customer + "/documents", "passport", "p.png", file, key);
        } catch (RuntimeException lost) {
            // expected: the response was lost
        }

        TestClient.Answer retry = client.upload("/customers/" + customer + "/documents", "passport", "p.png", file,
                key);

        assertThat(retry.status()).isEqualTo(201);
        String id = retry.header("Location").replaceAll(".*/", "");
        assertThat(Seeds.join(server.backend().list(new io.docverify.domain.CustomerId(customer))).documents())
                .singleElement().satisfies(d -> assertThat(d.id().value()).isEqualTo(id));
    }

    @Test
    void sameKeyWhileTheFirstUploadIsStillStreamingIs409Conflict() throws Exception {
        var key = Map.of("Idempotency-Key", "in-flight");
        var release = new CountDownLatch(1);
        Generated held = Generated.pngHeldAt(200_000, 100_000, release);
        TestClient.Multipart head = TestClient.Multipart.head("passport", "p.png");
        HttpRequest slow = client.multipartRequest("/customers/" + customer + "/documents", head, key)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                        new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head.prefix()), held),
                        new java.io.ByteArrayInputStream(head.suffix()))))
                .build();
        CompletableFuture<TestClient.Answer> first = CompletableFuture.supplyAsync(() -> client.send(slow));
        assertThat(held.awaitHeld()).isTrue();
        // Once the server has read well into the file, the first upload holds the key (claimed at the file part).
        org.awaitility.Awaitility.await().until(() -> server.journal().inFlight().stream()
                .anyMatch(r -> r.route() == Route.CREATE_CUSTOMER_DOCUMENT && r.bodyBytes() > 50_000));
        assertThat(Seeds.customerDocuments(server, customer)).isZero();

        TestClient.Answer second = client.upload("/customers/" + customer + "/documents", "passport", "p.png",
                TestFiles.png(), key);
        release.countDown();

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("Conflict");
        assertThat(first.get().status()).isEqualTo(201);
        assertThat(Seeds.customerDocuments(server, customer)).isEqualTo(1);
    }
}
