package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.chunkMessage;
import static io.docverify.grpc.Calls.finishMessage;
import static io.docverify.grpc.Calls.metadataMessage;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.Calls;
import io.docverify.grpc.PumpingUpload;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Completion is explicit: only a stream that sends {@code finish}, whose bytes match it, creates a document. Every
 * other ending stores nothing and leaves its idempotency key free for the client's correct retry, which must
 * create exactly one document.
 */
abstract class UploadCompletionBehaviour extends InstrumentedBehaviour {
    UploadMetadata keyed;

    @Override
    @BeforeEach
    void freshOwner() {
        super.freshOwner();
        keyed = passportOf(customer).toBuilder().setIdempotencyKey("completion-" + UUID.randomUUID()).build();
    }

    @Test
    void aWholeUploadWithItsSizeAndSha256CreatesItsDocument() {
        byte[] png = TestFiles.png(300_000);
        var messages = new ArrayList<>(Calls.messagesWithoutFinish(keyed.toBuilder().setSizeBytes(png.length)
                .build(), png, 64 * 1024));
        messages.add(finishMessage(png.length, Calls.sha256(png).toUpperCase()));

        Document document = Calls.await(Calls.send(server.documentsAsync(), messages));

        assertThat(document.getCustomerId()).isEqualTo(customer);
        assertThat(documentIds()).containsExactly(document.getId());
        assertThat(Calls.upload(server, keyed, png).getId()).as("a replay under the key").isEqualTo(document.getId());
    }

    @Test
    void aStreamThatHalfClosesWithoutFinishStoresNothingAndFreesItsKey() throws Exception {
        byte[] png = TestFiles.png(200_000);

        var upload = Calls.send(server.documentsAsync(), Calls.messagesWithoutFinish(keyed, png, 16 * 1024));

        var info = assertError(failureOf(upload), Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/finish");
        assertThat(Status.fromThrowable(failureOf(upload)).getDescription()).contains("nothing was stored");
        assertThat(backend.endings.poll(10, TimeUnit.SECONDS)).isEqualTo("error");
        assertNothingStoredAndTheKeyIsFree(png);
    }

    @Test
    void aFinishThatDeclaresFewerBytesThanWereSentStoresNothing() throws Exception {
        assertRefusedAndNothingStored(List.of(finishMessage(4096 - 1)), "/finish/sizeBytes");
    }

    @Test
    void aFinishThatDeclaresMoreBytesThanWereSentStoresNothing() throws Exception {
        assertRefusedAndNothingStored(List.of(finishMessage(4096 + 1)), "/finish/sizeBytes");
    }

    @Test
    void aFinishWithAnotherFilesSha256StoresNothing() throws Exception {
        assertRefusedAndNothingStored(List.of(finishMessage(4096, Calls.sha256(TestFiles.png(4096)))),
                "/finish/sha256");
    }

    @Test
    void aFinishWithAMalformedSha256StoresNothing() throws Exception {
        for (String malformed : List.of("abc", "g".repeat(64), "0".repeat(63), "0".repeat(65), " " + "0".repeat(63))) {
            freshOwner();
            assertRefusedAndNothingStored(List.of(finishMessage(4096, malformed)), "/finish/sha256");
        }
    }

    @Test
    void aFinishThatDisagreesWithTheDeclaredSizeStoresNothing() throws Exception {
        keyed = keyed.toBuilder().setSizeBytes(8192).build(); // the chunks carry 4096: fewer than declared
        assertRefusedAndNothingStored(List.of(finishMessage(4096)), "/finish/sizeBytes");
    }

    @Test
    void aChunkAfterFinishIsRefusedAndNothingIsStored() throws Exception {
        assertRefusedAndNothingStored(List.of(finishMessage(4096), chunkMessage(new byte[] {1})), "/chunk");
    }

    @Test
    void metadataAfterFinishIsRefusedAndNothingIsStored() throws Exception {
        assertRefusedAndNothingStored(List.of(finishMessage(4096), metadataMessage(keyed)), "/metadata");
    }

    @Test
    void aSecondFinishIsRefusedAndNothingIsStored() throws Exception {
        assertRefusedAndNothingStored(List.of(finishMessage(4096), finishMessage(4096)), "/finish");
    }

    @Test
    void bytesBeyondTheDeclaredSizeAreRefusedAtOnce() throws Exception {
        var upload = PumpingUpload.start(server.documentsAsync(), keyed.toBuilder().setSizeBytes(100_000).build(),
                TestFiles.PNG_SIGNATURE, 8L * MIB, 64 * 1024, true);

        var info = assertError(upload.failure(), Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/metadata/sizeBytes");
        assertThat(backend.bytesSeen.get()).as("bytes the provider saw").isLessThanOrEqualTo(100_000);
        assertThat(upload.halfClosed).as("refused before the client got to the end").isFalse();
        assertNothingStoredAndTheKeyIsFree(TestFiles.png());
    }

    @Test
    void aDeclaredSizeOverTenMiBIsRefusedBeforeAByteIsRead() throws Exception {
        long declared = 10L * MIB + 1;
        var upload = PumpingUpload.start(server.documentsAsync(), keyed.toBuilder().setSizeBytes(declared).build(),
                TestFiles.PNG_SIGNATURE, declared, MIB, true);

        assertError(upload.failure(), Status.Code.INVALID_ARGUMENT, "fileTooLarge");
        assertThat(backend.chunksSeen).as("chunks that reached the provider").hasValue(0);
        assertThat(upload.bytesSent.get()).as("bytes the client got out before the refusal")
                .isLessThanOrEqualTo(clientHeadroomBytes());
        assertThat(upload.halfClosed).isFalse();
        assertNothingStoredAndTheKeyIsFree(TestFiles.png());
    }

    @Test
    void aDeclaredSizeOfExactlyTenMiBIsAccepted() {
        byte[] png = TestFiles.png(10 * MIB);
        Document document = Calls.await(Calls.send(server.documentsAsync(),
                Calls.messages(keyed.toBuilder().setSizeBytes(png.length).build(), png, MIB)));

        assertThat(documentIds()).containsExactly(document.getId());
    }

    @Test
    void aNegativeDeclaredSizeIsRefused() throws Exception {
        keyed = keyed.toBuilder().setSizeBytes(-1).build();
        assertRefusedAndNothingStored(List.of(finishMessage(4096)), "/metadata/sizeBytes");
    }

    /** Sends the metadata, a 4096-byte PNG in one chunk, then {@code tail}; expects the refusal at {@code path}. */
    private void assertRefusedAndNothingStored(List<UploadDocumentRequest> tail, String path) throws Exception {
        byte[] png = TestFiles.png(4096);
        var messages = new ArrayList<>(Calls.messagesWithoutFinish(keyed, png, png.length));
        messages.addAll(tail);

        var upload = Calls.send(server.documentsAsync(), messages);

        var info = assertError(failureOf(upload), Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).as("refusal of %s", tail).containsEntry("fieldPaths", path);
        assertNothingStoredAndTheKeyIsFree(png);
    }

    /**
     * The owner has no document, and the refused request's key is free at once: the correct retry under it
     * creates exactly one document.
     */
    private void assertNothingStoredAndTheKeyIsFree(byte[] file) {
        assertThat(documentIds()).as("documents after the refusal").isEmpty();
        UploadMetadata retry = keyed.toBuilder().setSizeBytes(0).build();
        Document retried = Calls.upload(server, retry, file);
        assertThat(documentIds()).containsExactly(retried.getId());
    }

    private static Throwable failureOf(java.util.concurrent.CompletableFuture<Document> upload) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Calls.await(upload));
        assertThat(thrown).as("the upload failed").isNotNull();
        return thrown;
    }

    private List<String> documentIds() {
        return server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer).build())
                .getDocumentsList().stream().map(Document::getId).toList();
    }
}
