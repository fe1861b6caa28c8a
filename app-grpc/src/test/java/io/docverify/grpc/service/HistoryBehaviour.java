package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.adapter.inmemory.store.InMemoryJournal;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentProto;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentHistoryRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentHistoryResponse;
import io.docverify.grpc.v1.HistoryProto.ChangeSource;
import io.docverify.grpc.v1.HistoryProto.DocumentReviewed;
import io.docverify.grpc.v1.HistoryProto.HistoryEntry;
import io.docverify.grpc.v1.HistoryProto.OwnerStatusChanged;
import io.docverify.grpc.v1.HistoryProto.UploadAttemptStatus;
import io.docverify.grpc.v1.HistoryProto.UploadEnded;
import io.docverify.grpc.v1.HistoryProto.UploadStarted;
import io.docverify.grpc.v1.SandboxServiceProto;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.DocumentChange.Source;
import io.docverify.ports.out.KeyHash;
import io.docverify.ports.out.UploadAttempt;
import io.docverify.ports.out.UploadOutcome;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ListDocumentHistory over a real transport, reading entries written straight to the server's in-memory journal:
 * every kind of entry with every field, oldest first; a document's history against its owner's; paging with page
 * tokens; the page size's default and bound; refused requests.
 */
abstract class HistoryBehaviour extends TransportBehaviour {
    static final String AUDITOR_KEY = "auditor-key-Hv83Lq2Wd7";
    private static final String SHA_A = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String SHA_B = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.250Z");
    private static final String LIVE = "replica-live";

    private final InMemoryJournal journal = new InMemoryJournal(Clock.systemUTC(), 10_000);

    @Override
    TestServer startServer() {
        var settings = TestServer.settings();
        settings.remove("DOCVERIFY_API_KEYS");
        settings.put("DOCVERIFY_SCOPED_API_KEYS", "auditor:audit:" + AUDITOR_KEY);
        journal.renewLease(LIVE, Duration.ofHours(1)).toCompletableFuture().join();
        return TestServer.start(kind(), new InMemoryBackend(InMemoryConfig.DEFAULTS), ConfigReader.read(settings),
                journal);
    }

    @Test
    void everyKindOfEntryComesBackOldestFirstWithEveryField() {
        var owner = new CustomerId(UUID.randomUUID().toString());
        var document = new DocumentId(UUID.randomUUID().toString());
        var key = new IdempotencyKey("client-key-" + UUID.randomUUID());
        long created = started(new UploadAttempt(owner, DocumentType.PASSPORT, "web-front",
                Optional.of(KeyHash.of(key)), OptionalLong.of(2048), Optional.of(SHA_A), T0, LIVE));
        long end = ended(created, new UploadOutcome(Optional.of(document), UploadOutcome.CREATED, 2048,
                Optional.of(SHA_A), T0.plusMillis(900)));
        var reasons = List.of(FailureReason.of("ScanNotReadable"), new FailureReason("Custom", "A reason of ours."));
        long review = changed(new DocumentChange.Reviewed(document, owner, ReviewDecision.reject(reasons),
                Source.WEBHOOK, Optional.of("event-17"), T0.plusSeconds(60)));
        long status = changed(new DocumentChange.OwnerStatusChanged(owner, CustomerStatus.RETRY,
                Source.RECONCILIATION, Optional.empty(), T0.plusSeconds(61)));
        long laterRefused = started(new UploadAttempt(owner, DocumentType.OTHER, "ci-uploader", Optional.empty(),
                OptionalLong.empty(), Optional.empty(), T0.plusSeconds(70), LIVE));
        long dead = started(new UploadAttempt(owner, DocumentType.LICENSE, "ci-uploader", Optional.empty(),
                OptionalLong.of(0), Optional.empty(), T0.plusSeconds(80), "replica-gone"));
        long refused = ended(laterRefused, UploadOutcome.refused(ErrorCode.FILE_TOO_LARGE, 10_485_761, Optional.empty(),
                T0.plusSeconds(90)));

        ListDocumentHistoryResponse page = history(ListDocumentHistoryRequest.newBuilder()
                .setCustomerId(owner.value()).build());

        var upload = UploadStarted.newBuilder().setDocumentType(DocumentProto.DocumentType.DOCUMENT_TYPE_PASSPORT)
                .setCallerKeyName("web-front").setIdempotencyKeySha256(KeyHash.of(key).hex())
                .setDeclaredSizeBytes(2048).setDeclaredSha256(SHA_A).setReplica(LIVE)
                .setStatus(UploadAttemptStatus.UPLOAD_ATTEMPT_STATUS_ENDED);
        assertThat(page.getEntriesList()).containsExactly(
                entry(created, T0, owner).setUploadStarted(upload).build(),
                entry(end, T0.plusMillis(900), owner).setUploadEnded(UploadEnded.newBuilder()
                        .setAttemptSequence(created).setDocumentId(document.value()).setOutcome("created")
                        .setSizeBytes(2048).setSha256(SHA_A)).build(),
                entry(review, T0.plusSeconds(60), owner).setDocumentReviewed(DocumentReviewed.newBuilder()
                        .setDocumentId(document.value())
                        .setDecision(SandboxServiceProto.ReviewDecision.REVIEW_DECISION_REJECT)
                        .addFailureReasons(DocumentProto.FailureReason.newBuilder().setReason("ScanNotReadable")
                                .setDescription(FailureReason.of("ScanNotReadable").description()))
                        .addFailureReasons(DocumentProto.FailureReason.newBuilder().setReason("Custom")
                                .setDescription("A reason of ours."))
                        .setSource(ChangeSource.CHANGE_SOURCE_WEBHOOK).setProviderEventId("event-17")).build(),
                entry(status, T0.plusSeconds(61), owner).setOwnerStatusChanged(OwnerStatusChanged.newBuilder()
                        .setCustomerStatus(SandboxServiceProto.CustomerStatus.CUSTOMER_STATUS_RETRY)
                        .setSource(ChangeSource.CHANGE_SOURCE_RECONCILIATION)).build(),
                entry(laterRefused, T0.plusSeconds(70), owner).setUploadStarted(UploadStarted.newBuilder()
                        .setDocumentType(DocumentProto.DocumentType.DOCUMENT_TYPE_OTHER)
                        .setCallerKeyName("ci-uploader").setReplica(LIVE)
                        .setStatus(UploadAttemptStatus.UPLOAD_ATTEMPT_STATUS_ENDED)).build(),
                entry(dead, T0.plusSeconds(80), owner).setUploadStarted(UploadStarted.newBuilder()
                        .setDocumentType(DocumentProto.DocumentType.DOCUMENT_TYPE_LICENSE)
                        .setCallerKeyName("ci-uploader").setDeclaredSizeBytes(0).setReplica("replica-gone")
                        .setStatus(UploadAttemptStatus.UPLOAD_ATTEMPT_STATUS_ABANDONED)).build(),
                entry(refused, T0.plusSeconds(90), owner).setUploadEnded(UploadEnded.newBuilder()
                        .setAttemptSequence(laterRefused).setOutcome("fileTooLarge").setSizeBytes(10_485_761)).build());
        assertThat(page.getEntries(4).getUploadStarted().hasDeclaredSizeBytes()).as("nothing declared").isFalse();
        assertThat(page.getEntries(5).getUploadStarted().hasDeclaredSizeBytes()).as("0 declared").isTrue();
        assertThat(page.getNextPageToken()).as("the last page").isEmpty();
        assertThat(page.toString()).as("never the idempotency key itself").doesNotContain(key.value());
    }

    @Test
    void anUnendedAttemptOfALiveReplicaIsRunning() {
        var owner = new BeneficialOwnerId(UUID.randomUUID().toString());
        long attempt = started(new UploadAttempt(owner, DocumentType.ID_CARD, "web-front", Optional.empty(),
                OptionalLong.empty(), Optional.empty(), T0, LIVE));
        long status = changed(new DocumentChange.OwnerStatusChanged(owner, BeneficialOwnerStatus.VERIFIED,
                Source.SANDBOX, Optional.empty(), T0.plusSeconds(1)));

        var page = history(ListDocumentHistoryRequest.newBuilder().setBeneficialOwnerId(owner.value()).build());

        assertThat(page.getEntriesList()).containsExactly(
                entry(attempt, T0, owner).setUploadStarted(UploadStarted.newBuilder()
                        .setDocumentType(DocumentProto.DocumentType.DOCUMENT_TYPE_ID_CARD)
                        .setCallerKeyName("web-front").setReplica(LIVE)
                        .setStatus(UploadAttemptStatus.UPLOAD_ATTEMPT_STATUS_RUNNING)).build(),
                entry(status, T0.plusSeconds(1), owner).setOwnerStatusChanged(OwnerStatusChanged.newBuilder()
                        .setBeneficialOwnerStatus(SandboxServiceProto.BeneficialOwnerStatus
                                .BENEFICIAL_OWNER_STATUS_VERIFIED)
                        .setSource(ChangeSource.CHANGE_SOURCE_SANDBOX)).build());
    }

    @Test
    void aDocumentsHistoryHoldsItsUploadAndItsReviewsButNotTheOwnersOtherEntries() {
        var owner = new CustomerId(UUID.randomUUID().toString());
        var document = new DocumentId(UUID.randomUUID().toString());
        var other = new DocumentId(UUID.randomUUID().toString());
        long attempt = started(attempt(owner, T0));
        started(attempt(owner, T0.plusSeconds(1)));
        long end = ended(attempt, new UploadOutcome(Optional.of(document), UploadOutcome.CREATED, 10,
                Optional.of(SHA_B), T0.plusSeconds(2)));
        changed(new DocumentChange.OwnerStatusChanged(owner, CustomerStatus.VERIFIED, Source.POLL,
                Optional.empty(), T0.plusSeconds(3)));
        changed(new DocumentChange.Reviewed(other, owner, ReviewDecision.accept(), Source.POLL, Optional.empty(),
                T0.plusSeconds(4)));
        long review = changed(new DocumentChange.Reviewed(document, owner, ReviewDecision.accept(), Source.SANDBOX,
                Optional.empty(), T0.plusSeconds(5)));

        var ofDocument = history(ListDocumentHistoryRequest.newBuilder().setDocumentId(document.value()).build());
        var ofOwner = history(ListDocumentHistoryRequest.newBuilder().setCustomerId(owner.value()).build());

        assertThat(sequences(ofDocument)).containsExactly(attempt, end, review);
        assertThat(ofDocument.getEntries(2).getDocumentReviewed()).isEqualTo(DocumentReviewed.newBuilder()
                .setDocumentId(document.value()).setDecision(SandboxServiceProto.ReviewDecision.REVIEW_DECISION_ACCEPT)
                .setSource(ChangeSource.CHANGE_SOURCE_SANDBOX).build());
        assertThat(sequences(ofOwner)).hasSize(6).containsSubsequence(attempt, end, review);
    }

    @Test
    void pageTokensLeadThroughEveryEntryOnce() {
        var owner = new CustomerId(UUID.randomUUID().toString());
        var written = new ArrayList<Long>();
        for (int i = 0; i < 7; i++) {
            written.add(started(attempt(owner, T0.plusSeconds(i))));
        }

        var read = new ArrayList<Long>();
        var pageSizes = new ArrayList<Integer>();
        String token = "";
        do {
            var page = history(ListDocumentHistoryRequest.newBuilder().setCustomerId(owner.value())
                    .setPageSize(3).setPageToken(token).build());
            read.addAll(sequences(page));
            pageSizes.add(page.getEntriesCount());
            token = page.getNextPageToken();
        } while (!token.isEmpty());

        assertThat(read).isEqualTo(written);
        assertThat(pageSizes).containsExactly(3, 3, 1);
    }

    @Test
    void aFullLastPageHasATokenToAnEmptyPage() {
        var owner = new CustomerId(UUID.randomUUID().toString());
        started(attempt(owner, T0));
        started(attempt(owner, T0.plusSeconds(1)));

        var first = history(ListDocumentHistoryRequest.newBuilder().setCustomerId(owner.value()).setPageSize(2)
                .build());
        long later = started(attempt(owner, T0.plusSeconds(2)));
        var next = history(ListDocumentHistoryRequest.newBuilder().setCustomerId(owner.value()).setPageSize(2)
                .setPageToken(first.getNextPageToken()).build());

        assertThat(first.getEntriesCount()).isEqualTo(2);
        assertThat(first.getNextPageToken()).isNotEmpty();
        assertThat(sequences(next)).as("what was recorded after the first page").containsExactly(later);
        assertThat(next.getNextPageToken()).isEmpty();
    }

    @ParameterizedTest(name = "page_size {0} answers {1}")
    @CsvSource({"0,100", "1,1", "499,499", "500,500", "501,500", "2147483647,500"})
    void thePageSizeDefaultsTo100AndIsAtMost500(int pageSize, int answered) {
        var owner = new CustomerId("paged-" + kind());
        if (journalHolds(owner) == 0) {
            for (int i = 0; i < 520; i++) {
                changed(new DocumentChange.OwnerStatusChanged(owner, i % 2 == 0 ? CustomerStatus.RETRY
                        : CustomerStatus.DOCUMENT, Source.WEBHOOK, Optional.of("event-" + i), T0.plusSeconds(i)));
            }
        }

        var page = history(ListDocumentHistoryRequest.newBuilder().setCustomerId(owner.value())
                .setPageSize(pageSize).build());

        assertThat(page.getEntriesCount()).isEqualTo(answered);
        assertThat(page.getNextPageToken()).isNotEmpty();
    }

    @Test
    void aNegativePageSizeIsAValidationError() {
        var error = errorOf(() -> history(ListDocumentHistoryRequest.newBuilder().setCustomerId("c-1")
                .setPageSize(-1).build()));

        assertThat(assertError(error, Status.Code.INVALID_ARGUMENT, "ValidationError").getMetadataMap())
                .containsEntry("fieldPaths", "/pageSize");
        assertThat(error.getStatus().getDescription()).contains("page_size must not be negative");
    }

    @ParameterizedTest(name = "page_token {0}")
    // Not base64; sequence 0; 20 digits; 19 digits past a long; one character; longer than any token issued.
    @ValueSource(strings = {"not a token!", "aDEuMC4wMDAwMDAwMA", "aDEuOTk5OTk5OTk5OTk5OTk5OTk5OTkuMDAwMDAwMDA",
            "aDEuOTk5OTk5OTk5OTk5OTk5OTk5OS4wMDAwMDAwMA", "x",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void aMalformedPageTokenIsAValidationErrorOnPageToken(String token) {
        var error = errorOf(() -> history(ListDocumentHistoryRequest.newBuilder().setCustomerId("c-1")
                .setPageToken(token).build()));

        assertThat(assertError(error, Status.Code.INVALID_ARGUMENT, "ValidationError").getMetadataMap())
                .containsEntry("fieldPaths", "/pageToken");
        assertThat(error.getStatus().getDescription()).contains("page_token is not a token this service issued");
    }

    @Test
    void aPageTokenOfAnotherSubjectIsRefused() {
        var owner = new CustomerId(UUID.randomUUID().toString());
        started(attempt(owner, T0));
        String token = history(ListDocumentHistoryRequest.newBuilder().setCustomerId(owner.value()).setPageSize(1)
                .build()).getNextPageToken();

        var asBeneficialOwner = errorOf(() -> history(ListDocumentHistoryRequest.newBuilder()
                .setBeneficialOwnerId(owner.value()).setPageToken(token).build()));
        var asDocument = errorOf(() -> history(ListDocumentHistoryRequest.newBuilder()
                .setDocumentId(owner.value()).setPageToken(token).build()));

        for (var error : List.of(asBeneficialOwner, asDocument)) {
            assertThat(assertError(error, Status.Code.INVALID_ARGUMENT, "ValidationError").getMetadataMap())
                    .containsEntry("fieldPaths", "/pageToken");
            assertThat(error.getStatus().getDescription()).contains("issued for another document_id or owner");
        }
    }

    @Test
    void aRequestWithoutASubjectOrWithAnEmptyIdIsAValidationError() {
        var none = errorOf(() -> history(ListDocumentHistoryRequest.getDefaultInstance()));
        var emptyDocument = errorOf(() -> history(ListDocumentHistoryRequest.newBuilder().setDocumentId("")
                .build()));

        assertThat(assertError(none, Status.Code.INVALID_ARGUMENT, "ValidationError").getMetadataMap())
                .containsEntry("fieldPaths", "/subject");
        assertError(emptyDocument, Status.Code.INVALID_ARGUMENT, "ValidationError");
    }

    @Test
    void aSubjectTheJournalKnowsNothingOfHasAnEmptyHistory() {
        var page = history(ListDocumentHistoryRequest.newBuilder().setDocumentId(UUID.randomUUID().toString())
                .build());

        assertThat(page.getEntriesList()).isEmpty();
        assertThat(page.getNextPageToken()).isEmpty();
    }

    private ListDocumentHistoryResponse history(ListDocumentHistoryRequest request) {
        return server.documents(AUDITOR_KEY).listDocumentHistory(request);
    }

    private int journalHolds(OwnerId owner) {
        return journal.history(io.docverify.ports.out.HistoryQuery.of(owner)).toCompletableFuture().join()
                .entries().size();
    }

    private static List<Long> sequences(ListDocumentHistoryResponse page) {
        return page.getEntriesList().stream().map(HistoryEntry::getSequence).toList();
    }

    private static UploadAttempt attempt(OwnerId owner, Instant at) {
        return new UploadAttempt(owner, DocumentType.PASSPORT, "web-front", Optional.empty(), OptionalLong.empty(),
                Optional.empty(), at, LIVE);
    }

    private static HistoryEntry.Builder entry(long sequence, Instant time, OwnerId owner) {
        var b = HistoryEntry.newBuilder().setSequence(sequence)
                .setTime(Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()));
        return owner instanceof CustomerId ? b.setCustomerId(owner.value()) : b.setBeneficialOwnerId(owner.value());
    }

    private long started(UploadAttempt attempt) {
        return journal.uploadStarted(attempt).toCompletableFuture().join();
    }

    private long ended(long attempt, UploadOutcome outcome) {
        return journal.uploadEnded(attempt, outcome).toCompletableFuture().join();
    }

    private long changed(DocumentChange change) {
        return journal.changed(change).toCompletableFuture().join();
    }
}
