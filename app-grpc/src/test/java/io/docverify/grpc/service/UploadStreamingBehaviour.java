package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.await;
import static io.docverify.grpc.Calls.chunkMessage;
import static io.docverify.grpc.Calls.metadataMessage;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.grpc.Calls;
import io.docverify.grpc.PumpingUpload;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.DocumentStatus;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerStatus;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The streaming edge cases of UploadDocument. */
abstract class UploadStreamingBehaviour extends InstrumentedBehaviour {
    private int documentsOfCustomer() {
        return server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer).build())
                .getTotal();
    }

    private String nextEnding() throws InterruptedException {
        return backend.endings.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void aStreamThatEndsBeforeItsMetadataIsRefused() {
        var upload = Calls.open(server.documentsAsync());
        upload.requests().onCompleted();

        var info = assertError(upload.failure(), Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/metadata");
    }

    @Test
    void aChunkBeforeTheMetadataIsRefusedWithoutWaitingForTheEndOfTheStream() {
        var upload = Calls.open(server.documentsAsync()).send(chunkMessage(TestFiles.png()));

        var info = assertError(upload.failure(), Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/metadata");
        assertThat(backend.chunksSeen).hasValue(0);
    }

    @Test
    void metadataSentTwiceIsRefusedAtOnceAndNothingIsStored() throws Exception {
        var upload = Calls.open(server.documentsAsync())
                .send(metadataMessage(passportOf(customer)))
                .send(chunkMessage(TestFiles.png()))
                .send(metadataMessage(passportOf(customer)));

        var info = assertError(upload.failure(), Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/metadata");
        assertThat(nextEnding()).isEqualTo("error");
        assertThat(documentsOfCustomer()).isZero();
    }

    @Test
    void aFileOfExactlyTenMiBInOneMiBChunksIsAccepted() {
        Document document = await(Calls.send(server.documentsAsync(),
                Calls.messages(passportOf(customer), TestFiles.png(10 * MIB), MIB)));

        assertThat(document.getStatus()).isEqualTo(DocumentStatus.DOCUMENT_STATUS_PENDING);
        assertThat(backend.bytesSeen).hasValue(10L * MIB);
        assertThat(backend.chunksSeen).hasValue(10);
    }

    @Test
    void tenMiBPlusOneByteIsRefusedWithoutWaitingForTheEndOfTheStream() throws Exception {
        var upload = PumpingUpload.start(server.documentsAsync(), passportOf(customer),
                TestFiles.PNG_SIGNATURE, 10L * MIB + 1, MIB, false);

        assertError(upload.failure(), Status.Code.INVALID_ARGUMENT, "fileTooLarge");
        assertThat(upload.halfClosed).as("the client never ended its stream").isFalse();
        assertThat(backend.bytesSeen).hasValue(10L * MIB + 1);
        assertThat(nextEnding()).isEqualTo("cancelled");
        assertThat(documentsOfCustomer()).isZero();
    }

    @Test
    void anOversizedStreamIsNotReadPastTheLimit() {
        long wanted = 64L * MIB;
        var upload = PumpingUpload.start(server.documentsAsync(), passportOf(customer),
                TestFiles.PNG_SIGNATURE, wanted, MIB, true);

        assertError(upload.failure(), Status.Code.INVALID_ARGUMENT, "fileTooLarge");
        assertThat(backend.bytesSeen.get()).isLessThanOrEqualTo(11L * MIB);
        assertThat(upload.bytesSent.get()).as("bytes the client got out before the refusal")
                .isLessThanOrEqualTo(11L * MIB + clientHeadroomBytes());
        assertThat(upload.halfClosed).isFalse();
    }

    @Test
    void aChunkLargerThanOneMiBIsRefused() {
        var upload = Calls.open(server.documentsAsync())
                .send(metadataMessage(passportOf(customer)))
                .send(chunkMessage(TestFiles.png(MIB + 1)));

        var info = assertError(upload.failure(), Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/chunk");
        assertThat(backend.chunksSeen).hasValue(0);
    }

    @Test
    void emptyChunksAreIgnored() {
        byte[] png = TestFiles.png(1000);
        var messages = new ArrayList<>(Calls.messages(passportOf(customer), png, 300));
        messages.add(1, chunkMessage(new byte[0]));
        messages.add(messages.size() - 1, chunkMessage(new byte[0])); // before the finish message

        Document document = await(Calls.send(server.documentsAsync(), messages));

        assertThat(document.getCustomerId()).isEqualTo(customer);
        assertThat(backend.bytesSeen).hasValue(1000);
    }

    @Test
    void anOwnerThatMayNotUploadIsRefusedBeforeTheFileIsRead() {
        String verified = server.sandbox().createCustomer(CreateCustomerRequest.newBuilder()
                .setStatus(CustomerStatus.CUSTOMER_STATUS_VERIFIED).build()).getCustomer().getId();
        var upload = PumpingUpload.start(server.documentsAsync(), passportOf(verified),
                TestFiles.PNG_SIGNATURE, 64L * MIB, MIB, true);

        assertError(upload.failure(), Status.Code.FAILED_PRECONDITION, "invalidResourceState");
        assertThat(backend.chunksSeen).hasValue(0);
        assertThat(upload.halfClosed).isFalse();
    }

    @Test
    void aSlowProviderHoldsTheClientBackAndACancelLeavesNothing() throws Exception {
        backend.stallAfterFirstChunk = true;
        var upload = PumpingUpload.start(server.documentsAsync(), passportOf(customer).toBuilder()
                .setIdempotencyKey("retry-after-cancel").build(), TestFiles.PNG_SIGNATURE, 64L * MIB, MIB, true);

        long stalledAt = awaitStall(upload);

        assertThat(backend.chunksSeen.get()).as("chunks the stalled provider asked for").isLessThanOrEqualTo(2);
        assertThat(stalledAt).as("bytes the client got out while the provider stalled")
                .isLessThanOrEqualTo(2L * MIB + clientHeadroomBytes());
        assertThat(upload.result).isNotDone();

        upload.cancel();

        assertThat(nextEnding()).isEqualTo("error");
        assertThat(documentsOfCustomer()).isZero();
        backend.stallAfterFirstChunk = false;
        // The cancelled call lets its key go once its failure has come back through the service, a moment after the
        // provider saw it end: a retry before that is told ABORTED Conflict ("still being processed"), as the
        // README says, and retried, as a client does (a CI run retried at once and met it).
        byte[] file = TestFiles.png();
        Document retried = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptionsMatching(e -> e instanceof io.grpc.StatusRuntimeException refused
                        && refused.getStatus().getCode() == Status.Code.ABORTED)
                .until(() -> Calls.upload(server, passportOf(customer).toBuilder()
                        .setIdempotencyKey("retry-after-cancel").build(), file), d -> true);
        assertThat(retried.getCustomerId()).isEqualTo(customer);
    }

    @Test
    void aCancelMidUploadLeavesNothingBehind() throws Exception {
        var upload = PumpingUpload.start(server.documentsAsync(), passportOf(customer),
                TestFiles.PNG_SIGNATURE, 9L * MIB, 64 * 1024, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> upload.bytesSent.get() >= 9L * MIB);

        upload.cancel();

        assertThat(nextEnding()).isEqualTo("error");
        assertThat(documentsOfCustomer()).isZero();
    }

    @Test
    void concurrentUploadsToOneOwnerNeverExceedFourPending() {
        var uploads = new ArrayList<CompletableFuture<Document>>();
        for (int i = 0; i < 8; i++) {
            uploads.add(Calls.send(server.documentsAsync(), Calls.messages(passportOf(customer),
                    TestFiles.png(256 * 1024), 64 * 1024)));
        }
        List<Throwable> refusals = new ArrayList<>();
        int created = 0;
        for (CompletableFuture<Document> upload : uploads) {
            try {
                await(upload);
                created++;
            } catch (RuntimeException e) {
                refusals.add(e);
            }
        }

        assertThat(created).isEqualTo(4);
        assertThat(refusals).hasSize(4);
        refusals.forEach(e -> assertError(e, Status.Code.RESOURCE_EXHAUSTED, "maximumNumberOfResources"));
        assertThat(documentsOfCustomer()).isEqualTo(4);
    }

    /** Waits until the client stops getting bytes out; returns how many it sent. */
    private static long awaitStall(PumpingUpload upload) throws InterruptedException {
        long previous = -1;
        for (int i = 0; i < 50; i++) {
            Thread.sleep(100);
            long now = upload.bytesSent.get();
            if (now == previous && now > 0) {
                return now;
            }
            previous = now;
        }
        throw new AssertionError("the client never stalled: " + previous + " bytes sent");
    }
}
