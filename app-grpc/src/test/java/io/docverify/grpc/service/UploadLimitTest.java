package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DOCVERIFY_MAX_CONCURRENT_UPLOADS is a bulkhead: with that many uploads in progress one more is refused as soon as
 * it has sent its metadata, with RESOURCE_EXHAUSTED / TooManyRequests; answered, failed and cancelled uploads all
 * give their place back.
 */
class UploadLimitTest {

    private static TestServer serverWithLimit(int limit) {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_MAX_CONCURRENT_UPLOADS", String.valueOf(limit));
        return TestServer.start(TestServer.Kind.SOCKET,
                new io.docverify.grpc.backend.InMemoryBackend(io.docverify.adapter.inmemory.InMemoryConfig.DEFAULTS
                        .withSandboxReviewDelay(Duration.ZERO)),
                ConfigReader.read(settings));
    }

    private static double inProgress(TestServer server) {
        return server.server().registry().get("docverify.uploads.in.progress").gauge().value();
    }

    @Test
    void oneUploadPastTheLimitIsRefusedAndEveryEndGivesItsPlaceBack() throws Exception {
        try (var server = serverWithLimit(2)) {
            String customer = Calls.customerAwaitingDocuments(server);
            byte[] png = TestFiles.png();
            byte[] head = Arrays.copyOf(png, 8);

            var first = Calls.open(server.documentsAsync()).send(Calls.metadataMessage(passportOf(customer)))
                    .send(Calls.chunkMessage(head));
            var second = Calls.open(server.documentsAsync()).send(Calls.metadataMessage(passportOf(customer)))
                    .send(Calls.chunkMessage(head));
            await().atMost(Duration.ofSeconds(10)).until(() -> inProgress(server) == 2);

            // Refused once it has sent its metadata (a stream that has sent nothing takes no slot).
            var refused = Calls.open(server.documentsAsync()).send(Calls.metadataMessage(passportOf(customer)));
            Throwable error = catchFailure(refused.result());
            assertError(error, Status.Code.RESOURCE_EXHAUSTED, "TooManyRequests");
            assertThat(Status.fromThrowable(error).getDescription()).contains("at most 2");

            // The first completes, the second is cancelled: both places come back.
            first.send(Calls.chunkMessage(Arrays.copyOfRange(png, 8, png.length)))
                    .send(Calls.finishMessage(png.length));
            first.requests().onCompleted();
            Document created = first.result().get(10, TimeUnit.SECONDS);
            assertThat(created.getCustomerId()).isEqualTo(customer);
            second.requests().onError(Status.CANCELLED.asRuntimeException());
            await().atMost(Duration.ofSeconds(10)).until(() -> inProgress(server) == 0);

            // A refused upload (bad metadata) gives its place back too.
            assertError(catchFailure(Calls.open(server.documentsAsync()).send(Calls.chunkMessage(head)).result()),
                    Status.Code.INVALID_ARGUMENT, "ValidationError");
            await().atMost(Duration.ofSeconds(10)).until(() -> inProgress(server) == 0);

            assertThat(Calls.upload(server, passportOf(customer), TestFiles.jpeg()).getCustomerId())
                    .isEqualTo(customer);
            assertThat(Calls.upload(server, passportOf(customer), TestFiles.png()).getCustomerId())
                    .isEqualTo(customer);
        }
    }

    private static Throwable catchFailure(java.util.concurrent.CompletableFuture<Document> result) throws Exception {
        try {
            result.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the upload was expected to fail");
    }
}
