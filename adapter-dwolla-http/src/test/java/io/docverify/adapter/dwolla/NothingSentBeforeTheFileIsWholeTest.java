package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.application.DocumentService;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.dwollaserver.RecordedRequest;
import io.docverify.dwollaserver.Route;
import io.docverify.ports.contract.ControlledPublisher;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.out.DocumentSubmission;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the {@code dwolla} backend nothing reaches Dwolla before the file's content completed: the journal of the
 * Dwolla-compatible test server shows no upload request at all for a content that fails mid-file, or for an upload
 * whose caller cancels it mid-file (even when the content then completes anyway).
 */
class NothingSentBeforeTheFileIsWholeTest {
    /** How long a POST that should never come is waited for: the adapter sends within milliseconds if it sends. */
    private static final Duration QUIET = Duration.ofMillis(700);

    private Harness harness;
    private CustomerId customer;

    @BeforeEach
    void start() {
        harness = Harness.start().warm();
        customer = harness.customer();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private CompletableFuture<Document> upload(ControlledPublisher content, IdempotencyKey key) {
        return harness.provider.create(new DocumentSubmission(customer, DocumentType.PASSPORT,
                new FileUpload("scan.png", content), Optional.of(key))).toCompletableFuture();
    }

    /** Upload requests the server has seen, finished or still arriving. */
    private List<RecordedRequest> uploadRequests() {
        return Stream.concat(harness.server.journal().all().stream(), harness.server.journal().inFlight().stream())
                .filter(r -> r.route() == Route.CREATE_CUSTOMER_DOCUMENT).toList();
    }

    private void assertNoUploadReachesDwolla() {
        Awaitility.await("no upload request reaches the Dwolla test server").during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> uploadRequests().isEmpty());
        assertThat(harness.documentsOf(customer)).isZero();
    }

    @Test
    void aContentThatFailsMidFileSendsNothing() {
        var content = new ControlledPublisher();
        byte[] file = TestFiles.png(300_000);

        CompletableFuture<Document> attempt = upload(content, IdempotencyKey.random());
        content.emit(Arrays.copyOf(file, 100_000));
        content.emit(Arrays.copyOfRange(file, 100_000, 200_000));
        content.fail(new IOException("the disk went away"));

        assertThatThrownBy(() -> attempt.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertNoUploadReachesDwolla();
    }

    @Test
    void anUploadCancelledMidFileSendsNothingEvenIfItsContentCompletesAfterwards() {
        var content = new ControlledPublisher();
        byte[] file = TestFiles.png(300_000);
        var key = IdempotencyKey.random();

        CompletableFuture<Document> attempt = upload(content, key);
        content.emit(Arrays.copyOf(file, 100_000));
        attempt.cancel(true);
        content.complete(); // too late: the upload was given up

        assertNoUploadReachesDwolla();
        assertThat(content.wasCancelled()).as("the cancel reached the content's subscription").isTrue();
        Document retry = harness.provider.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                TestFiles.upload("scan.png", file)).withIdempotencyKey(key)).toCompletableFuture().join();
        assertThat(uploadRequests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(201));
        assertThat(harness.server.backend().list(customer).toCompletableFuture().join().documents())
                .extracting(Document::id).containsExactly(retry.id());
    }

    @Test
    void anUploadCancelledThroughTheUseCaseBeforeAnyByteSendsNothingWhateverItsContentDoesAfterwards() {
        var content = new ControlledPublisher();

        CompletableFuture<Document> attempt = new DocumentService(harness.provider).upload(new UploadDocumentCommand(
                customer, DocumentType.PASSPORT, new FileUpload("scan.png", content),
                Optional.of(IdempotencyKey.random()))).toCompletableFuture();
        attempt.cancel(true);
        content.emit(TestFiles.png(100_000)); // a publisher that goes on for a moment after the cancel
        content.complete();

        assertNoUploadReachesDwolla();
        assertThat(content.wasCancelled()).as("the cancel reached the content's subscription").isTrue();
    }
}
