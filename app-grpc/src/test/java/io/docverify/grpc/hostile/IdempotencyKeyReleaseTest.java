package io.docverify.grpc.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.application.DocumentService;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.sandbox.NewCustomer;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.stream.Completions;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When the caller of an upload hears that it was refused (the gRPC service answers from exactly such a callback),
 * the idempotency key must already be free: a client that retries at once with the same key must not be told
 * {@code Conflict} ("still being processed") about a request that is over. The file streams in after the call,
 * as over gRPC, so the refusal completes the stage later, from the stream.
 */
class IdempotencyKeyReleaseTest {
    @Test
    void aRefusedStreamedUploadHasFreedItsKeyWhenItsCallerIsTold() throws Exception {
        try (var dwolla = new InMemoryDwolla()) {
            var documents = new DocumentService(dwolla);
            Customer customer = dwolla.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL,
                    CustomerStatus.DOCUMENT)).toCompletableFuture().join();
            IdempotencyKey key = IdempotencyKey.random();
            var stream = new SubmissionPublisher<ByteBuffer>(Runnable::run, 16);
            var retried = new CompletableFuture<String>();

            documents.upload(UploadDocumentCommand.of(customer.id(), DocumentType.PASSPORT,
                    new FileUpload("scan.gif", stream)).withIdempotencyKey(key)).whenComplete((refused, error) ->
                    documents.upload(UploadDocumentCommand.of(customer.id(), DocumentType.PASSPORT,
                                    FileUpload.ofBytes("scan.png", TestFiles.png())).withIdempotencyKey(key))
                            .whenComplete((created, retryError) -> retried.complete(retryError == null
                                    ? "created" : code(retryError))));
            stream.submit(ByteBuffer.wrap(LeakMarker.mark(TestFiles.gif())));
            stream.close();

            assertThat(retried.get(5, TimeUnit.SECONDS)).as("a retry under the key, made on hearing the refusal")
                    .isEqualTo("created");
        }
    }

    private static String code(Throwable error) {
        Throwable cause = Completions.unwrap(error);
        return cause instanceof DocumentException e ? e.error().wireCode() : cause.toString();
    }
}
