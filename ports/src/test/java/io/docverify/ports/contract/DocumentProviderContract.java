package io.docverify.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentStatus;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.VerificationStatus;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.application.DocumentService;
import io.docverify.ports.out.DocumentPage;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.stream.Completions;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletionStage;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DocumentProvider} must show, whoever implements it: the same documents and the same
 * Dwolla codes for the same inputs. Each adapter's test extends this class with a {@link ProviderFixture}; the
 * in-memory adapter runs it directly, the Dwolla adapter over HTTP against a Dwolla-compatible test server.
 */
public abstract class DocumentProviderContract {

    private ProviderFixture fixture;
    private DocumentProvider provider;

    /** A fresh backend and adapter for one test. */
    protected abstract ProviderFixture newFixture() throws Exception;

    @BeforeEach
    void openFixture() throws Exception {
        fixture = newFixture();
        provider = fixture.provider();
    }

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }

    // ------------------------------------------------------------ the happy paths

    @Test
    void uploadForCustomerInDocumentStatusCreatesAPendingDocument() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);

        Document document = upload(customer, DocumentType.PASSPORT, TestFiles.png());

        assertThat(document.status()).isEqualTo(DocumentStatus.PENDING);
        assertThat(document.verificationStatus()).isEqualTo(VerificationStatus.PENDING);
        assertThat(document.type()).isEqualTo(DocumentType.PASSPORT);
        assertThat(document.failureReason()).isEmpty();
        assertThat(document.allFailureReasons()).isEmpty();
        assertThat(await(provider.get(document.id())).id()).isEqualTo(document.id());
    }

    @Test
    void uploadForBeneficialOwnerInDocumentStatusCreatesAPendingDocument() {
        BeneficialOwnerId owner = fixture.beneficialOwner(BeneficialOwnerStatus.DOCUMENT);

        Document document = upload(owner, DocumentType.LICENSE, TestFiles.jpeg());

        assertThat(document.status()).isEqualTo(DocumentStatus.PENDING);
        assertThat(document.type()).isEqualTo(DocumentType.LICENSE);
        assertThat(await(provider.list(owner)).documents()).extracting(Document::id).containsExactly(document.id());
    }

    @Test
    void listHoldsEveryDocumentOfTheOwnerWithTheTotal() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        CustomerId other = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        Document first = upload(customer, DocumentType.PASSPORT, TestFiles.png());
        Document second = upload(customer, DocumentType.ID_CARD, TestFiles.jpeg());
        upload(other, DocumentType.PASSPORT, TestFiles.png());

        DocumentPage list = await(provider.list(customer));

        assertThat(list.total()).isEqualTo(2);
        assertThat(list.documents()).extracting(Document::id).containsExactlyInAnyOrder(first.id(), second.id());
    }

    @Test
    void aBusinessDocumentMayBeAPdfForABusinessCustomer() {
        CustomerId business = fixture.customer(CustomerType.BUSINESS, CustomerStatus.DOCUMENT);

        Document document = upload(business, DocumentType.OTHER, TestFiles.pdf());

        assertThat(document.type()).isEqualTo(DocumentType.OTHER);
    }

    // ------------------------------------------------------------ reviews

    @Test
    void anAcceptedDocumentIsReviewedWithoutFailureReasons() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        Document document = upload(customer, DocumentType.PASSPORT, TestFiles.png());

        fixture.review(document.id(), ReviewDecision.accept());

        Document reviewed = await(provider.get(document.id()));
        assertThat(reviewed.status()).isEqualTo(DocumentStatus.REVIEWED);
        assertThat(reviewed.verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
        assertThat(reviewed.failureReason()).isEmpty();
        assertThat(reviewed.allFailureReasons()).isEmpty();
    }

    @Test
    void aRejectedDocumentCarriesItsFailureReasons() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        Document document = upload(customer, DocumentType.LICENSE, TestFiles.png());

        fixture.review(document.id(),
                ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE, KnownFailureReason.SCAN_ID_EXPIRED));

        Document reviewed = await(provider.get(document.id()));
        assertThat(reviewed.status()).isEqualTo(DocumentStatus.REVIEWED);
        assertThat(reviewed.verificationStatus()).isEqualTo(VerificationStatus.REJECTED);
        assertThat(reviewed.failureReason()).contains(KnownFailureReason.SCAN_NOT_READABLE.reason());
        assertThat(reviewed.allFailureReasons()).containsExactly(KnownFailureReason.SCAN_NOT_READABLE.reason(),
                KnownFailureReason.SCAN_ID_EXPIRED.reason());
    }

    @Test
    void aFailureReasonDocverifyDoesNotKnowSurvivesTheRoundTrip() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        Document document = upload(customer, DocumentType.PASSPORT, TestFiles.png());
        var unknown = new FailureReason("ScanHologramMissing", "A reason Dwolla might add one day");

        fixture.review(document.id(), ReviewDecision.reject(List.of(unknown)));

        Document reviewed = await(provider.get(document.id()));
        assertThat(reviewed.failureReason()).contains(unknown);
        assertThat(reviewed.failureReason().orElseThrow().known()).isEmpty();
    }

    // ------------------------------------------------------------ refusals, each with Dwolla's code

    @Test
    void anUnknownOwnerIsNotFound() {
        var ghost = new CustomerId("6a1e0b6e-7c4b-4c53-9d4f-000000000000");
        var ghostOwner = new BeneficialOwnerId("6a1e0b6e-7c4b-4c53-9d4f-000000000001");

        assertRefused(() -> upload(ghost, DocumentType.PASSPORT, TestFiles.png()), ErrorCode.NOT_FOUND);
        assertRefused(() -> upload(ghostOwner, DocumentType.PASSPORT, TestFiles.png()), ErrorCode.NOT_FOUND);
        assertRefused(() -> await(provider.list(ghost)), ErrorCode.NOT_FOUND);
        assertRefused(() -> await(provider.list(ghostOwner)), ErrorCode.NOT_FOUND);
    }

    @Test
    void anUnknownDocumentIsNotFound() {
        assertRefused(() -> await(provider.get(new DocumentId("6a1e0b6e-7c4b-4c53-9d4f-00000000000d"))),
                ErrorCode.NOT_FOUND);
    }

    @Test
    void refusalsArriveAsFailedStagesNeverAsThrownExceptions() {
        var ghost = new CustomerId("6a1e0b6e-7c4b-4c53-9d4f-000000000002");
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        var ghostDocument = new DocumentId("6a1e0b6e-7c4b-4c53-9d4f-00000000000e");

        List<CompletionStage<?>> stages = List.of(
                provider.get(ghostDocument),
                provider.list(ghost),
                provider.create(DocumentSubmission.of(ghost, DocumentType.PASSPORT,
                        TestFiles.upload("id.png", TestFiles.png()))),
                provider.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                        TestFiles.upload("id.gif", TestFiles.gif()))));

        for (CompletionStage<?> stage : stages) {
            assertThatThrownBy(() -> stage.toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(DocumentException.class);
        }
    }

    @Test
    void anOwnerNotInDocumentStatusCannotUpload() {
        CustomerId verified = fixture.customer(CustomerType.PERSONAL, CustomerStatus.VERIFIED);
        CustomerId retry = fixture.customer(CustomerType.BUSINESS, CustomerStatus.RETRY);
        BeneficialOwnerId incomplete = fixture.beneficialOwner(BeneficialOwnerStatus.INCOMPLETE);

        assertRefused(() -> upload(verified, DocumentType.PASSPORT, TestFiles.png()),
                ErrorCode.INVALID_RESOURCE_STATE);
        assertRefused(() -> upload(retry, DocumentType.PASSPORT, TestFiles.png()), ErrorCode.INVALID_RESOURCE_STATE);
        assertRefused(() -> upload(incomplete, DocumentType.PASSPORT, TestFiles.png()),
                ErrorCode.INVALID_RESOURCE_STATE);
    }

    @Test
    void aFileThatIsNeitherJpegNorPngIsAnInvalidFileType() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);

        assertRefused(() -> upload(customer, DocumentType.PASSPORT, TestFiles.gif()), ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void aPdfIsAnInvalidFileTypeForAPersonalIdAndForABeneficialOwner() {
        CustomerId personal = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        CustomerId business = fixture.customer(CustomerType.BUSINESS, CustomerStatus.DOCUMENT);
        BeneficialOwnerId owner = fixture.beneficialOwner(BeneficialOwnerStatus.DOCUMENT);

        assertRefused(() -> upload(personal, DocumentType.PASSPORT, TestFiles.pdf()), ErrorCode.INVALID_FILE_TYPE);
        assertRefused(() -> upload(business, DocumentType.LICENSE, TestFiles.pdf()), ErrorCode.INVALID_FILE_TYPE);
        assertRefused(() -> upload(owner, DocumentType.OTHER, TestFiles.pdf()), ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void exactlyTenMibPassesAndOneByteMoreIsFileTooLarge() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        int limit = Math.toIntExact(UploadLimits.TEN_MIB);

        Document atLimit = upload(customer, DocumentType.PASSPORT, TestFiles.png(limit));

        assertThat(atLimit.status()).isEqualTo(DocumentStatus.PENDING);
        assertRefused(() -> upload(customer, DocumentType.PASSPORT, TestFiles.png(limit + 1)),
                ErrorCode.FILE_TOO_LARGE);
    }

    @Test
    void theFourthPendingUploadPassesAndTheFifthIsMaximumNumberOfResources() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        Document first = upload(customer, DocumentType.PASSPORT, TestFiles.png());
        for (int i = 2; i <= 4; i++) {
            upload(customer, DocumentType.PASSPORT, TestFiles.png());
        }

        assertRefused(() -> upload(customer, DocumentType.PASSPORT, TestFiles.png()),
                ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES);

        // A review frees a slot (the customer stays in document after a ScanNotReadable rejection).
        fixture.review(first.id(), ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE));
        assertThat(upload(customer, DocumentType.PASSPORT, TestFiles.png()).status())
                .isEqualTo(DocumentStatus.PENDING);
        assertThat(await(provider.list(customer)).total()).isEqualTo(5);
    }

    @Test
    void theSameFileTwiceForTheSameOwnerIsADuplicateResourceThatLinksTheFirst() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        CustomerId other = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        byte[] file = TestFiles.png();
        Document first = upload(customer, DocumentType.PASSPORT, file);

        DocumentException refusal = refusal(() -> upload(customer, DocumentType.LICENSE, file));

        assertThat(refusal.code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
        assertThat(refusal.error().existingDocument()).contains(first.id());
        assertThat(upload(other, DocumentType.PASSPORT, file).status()).isEqualTo(DocumentStatus.PENDING);
    }

    @Test
    void anEmptyFileIsAValidationError() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);

        DocumentException refusal = refusal(() -> upload(customer, DocumentType.PASSPORT, new byte[0]));

        assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(refusal.error().fieldErrors()).anySatisfy(e -> assertThat(e.path()).isEqualTo("/file"));
    }

    @Test
    void aRefusedUploadLeavesNothingBehind() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        upload(customer, DocumentType.PASSPORT, TestFiles.png());

        assertRefused(() -> upload(customer, DocumentType.PASSPORT, TestFiles.gif()), ErrorCode.INVALID_FILE_TYPE);
        assertRefused(() -> upload(customer, DocumentType.PASSPORT,
                TestFiles.png(Math.toIntExact(UploadLimits.TEN_MIB) + 1)), ErrorCode.FILE_TOO_LARGE);

        assertThat(await(provider.list(customer)).total()).isEqualTo(1);
    }

    // ------------------------------------------------------------ idempotency

    @Test
    void theSameIdempotencyKeyWithTheSameRequestReturnsTheOriginalDocument() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        byte[] file = TestFiles.png();
        var key = IdempotencyKey.random();

        Document first = await(provider.create(
                DocumentSubmission.of(customer, DocumentType.PASSPORT, TestFiles.upload("id.png", file))
                        .withIdempotencyKey(key)));
        Document again = await(provider.create(
                DocumentSubmission.of(customer, DocumentType.PASSPORT, TestFiles.upload("id.png", file))
                        .withIdempotencyKey(key)));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(await(provider.list(customer)).total()).isEqualTo(1);
    }

    // ------------------------------------------------------------ a stream that does not end well creates nothing

    @Test
    void aFileWhoseStreamFailsMidFileCreatesNothingAndItsKeyIsFreeAtOnce() throws Exception {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        var key = IdempotencyKey.random();
        byte[] file = TestFiles.png(200_000);
        var content = new ControlledPublisher();

        CompletableFuture<Document> attempt = provider.create(new DocumentSubmission(customer,
                DocumentType.PASSPORT, new FileUpload("scan.png", content), Optional.of(key))).toCompletableFuture();
        content.emit(Arrays.copyOf(file, 64 * 1024));
        content.fail(new IOException("the disk went away"));

        assertThatThrownBy(() -> attempt.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(await(provider.list(customer)).total()).as("nothing was created").isZero();
        assertTheKeyIsFreeForTheWholeFile(customer, key, file);
    }

    @Test
    void aFileWhoseBytesAreNotTheDeclaredSha256CreatesNothingAndItsKeyIsFreeAtOnce() throws Exception {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        var key = IdempotencyKey.random();
        byte[] file = TestFiles.png(100_000);
        byte[] other = TestFiles.png(100_000);

        assertThatThrownBy(() -> await(provider.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                TestFiles.upload("scan.png", file).withSha256(TestFiles.sha256(other))).withIdempotencyKey(key))))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.error().fieldErrors()).singleElement()
                            .satisfies(f -> assertThat(f.path()).isEqualTo("/file/sha256"));
                });
        assertThat(await(provider.list(customer)).total()).as("nothing was created").isZero();
        assertTheKeyIsFreeForTheWholeFile(customer, key, file);
    }

    @Test
    void aFileWhoseBytesAreTheDeclaredSha256IsCreated() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        byte[] file = TestFiles.png(100_000);

        await(provider.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                TestFiles.upload("scan.png", file).withSha256(TestFiles.sha256(file)))));

        assertThat(await(provider.list(customer)).total()).isEqualTo(1);
    }

    @Test
    void anUploadItsCallerCancelsMidFileStopsReadingCreatesNothingAndItsKeyIsFreeAtOnce() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        var key = IdempotencyKey.random();
        byte[] file = TestFiles.png(200_000);
        var content = new ControlledPublisher();

        CompletableFuture<Document> attempt = provider.create(new DocumentSubmission(customer,
                DocumentType.PASSPORT, new FileUpload("scan.png", content), Optional.of(key))).toCompletableFuture();
        content.emit(Arrays.copyOf(file, 64 * 1024));

        assertThat(attempt.cancel(true)).as("still reading, so cancellable").isTrue();
        assertThat(content.awaitCancel()).as("the cancel reached the content's subscription").isTrue();
        content.complete(); // a publisher may signal a little after a cancel: it must change nothing
        assertTheKeyIsFreeForTheWholeFile(customer, key, file);
    }

    @Test
    void anUploadCancelledThroughTheUseCaseStopsReadingAndCreatesNothing() {
        CustomerId customer = fixture.customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        var key = IdempotencyKey.random();
        byte[] file = TestFiles.png(200_000);
        var content = new ControlledPublisher();

        CompletableFuture<Document> attempt = new DocumentService(provider).upload(new UploadDocumentCommand(
                customer, DocumentType.PASSPORT, new FileUpload("scan.png", content), Optional.of(key)))
                .toCompletableFuture();
        content.emit(Arrays.copyOf(file, 64 * 1024));

        assertThat(attempt.cancel(true)).isTrue();
        assertThat(content.awaitCancel()).as("the cancel reached the content's subscription").isTrue();
        content.complete();
        assertTheKeyIsFreeForTheWholeFile(customer, key, file);
    }

    /**
     * The same key with the whole file creates the one document: a key still held would be a {@code Conflict},
     * one bound to the broken attempt's bytes {@code IdempotencyKeyReused}, and a broken attempt that created a
     * document would show in the list.
     */
    private void assertTheKeyIsFreeForTheWholeFile(CustomerId customer, IdempotencyKey key, byte[] file) {
        Document retry = await(provider.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                TestFiles.upload("scan.png", file)).withIdempotencyKey(key)));
        assertThat(await(provider.list(customer)).documents()).extracting(Document::id)
                .containsExactly(retry.id());
    }

    // ------------------------------------------------------------ helpers

    /** Uploads and waits. */
    protected Document upload(OwnerId owner, DocumentType type, byte[] file) {
        String name = "scan." + (type == DocumentType.OTHER ? "pdf" : "png");
        return await(provider.create(DocumentSubmission.of(owner, type, TestFiles.upload(name, file))));
    }

    /** Waits for a stage and unwraps a failure to what the stage failed with. */
    protected static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (Completions.unwrap(e) instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    protected static DocumentException refusal(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(DocumentException.class);
        return (DocumentException) thrown;
    }

    protected static void assertRefused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DocumentException.class,
                e -> assertThat(e.code()).as("error code of %s", e.getMessage()).isEqualTo(code));
    }

    protected ProviderFixture fixture() {
        return fixture;
    }
}
