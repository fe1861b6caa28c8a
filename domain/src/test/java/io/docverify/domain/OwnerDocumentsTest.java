package io.docverify.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.BeneficialOwner;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.domain.upload.FileKind;
import io.docverify.domain.upload.Fingerprint;
import io.docverify.domain.upload.InspectedFile;
import io.docverify.domain.upload.UploadLimits;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnerDocumentsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final CustomerId CUSTOMER = new CustomerId("cust-1");
    private static final BeneficialOwnerId OWNER = new BeneficialOwnerId("bo-1");

    private int nextFile;

    private static OwnerDocuments personalInDocument() {
        return OwnerDocuments.of(new Customer(CUSTOMER, CustomerType.PERSONAL, CustomerStatus.DOCUMENT),
                UploadLimits.DWOLLA);
    }

    private static OwnerDocuments beneficialOwnerInDocument() {
        return OwnerDocuments.of(new BeneficialOwner(OWNER, BeneficialOwnerStatus.DOCUMENT), UploadLimits.DWOLLA);
    }

    private InspectedFile newFile() {
        return file(++nextFile);
    }

    private static InspectedFile file(int n) {
        return new InspectedFile(FileKind.PNG, 1000, new Fingerprint(String.format("%064x", n)));
    }

    private static OwnerDocuments.Change ok(Result<OwnerDocuments.Change> result) {
        assertThat(result).isInstanceOf(Result.Ok.class);
        return result.orThrow();
    }

    private static DocumentError refused(Result<OwnerDocuments.Change> result) {
        assertThat(result).isInstanceOf(Result.Refused.class);
        return ((Result.Refused<OwnerDocuments.Change>) result).error();
    }

    private OwnerDocuments withPending(OwnerDocuments start, String... ids) {
        OwnerDocuments current = start;
        for (String id : ids) {
            current = ok(current.upload(new DocumentId(id), DocumentType.PASSPORT, newFile(), T0)).after();
        }
        return current;
    }

    private static List<String> topics(OwnerDocuments.Change change) {
        return change.events().stream().map(DocumentEvent::topic).toList();
    }

    // ------------------------------------------------------------ upload

    @Test
    void anUploadAddsAPendingDocumentAndEmitsExactlyOneUploadedEvent() {
        OwnerDocuments before = personalInDocument();
        var id = new DocumentId("doc-1");

        OwnerDocuments.Change change = ok(before.upload(id, DocumentType.LICENSE, newFile(), T0));

        Document created = change.document().orElseThrow();
        assertThat(created.id()).isEqualTo(id);
        assertThat(created.isPending()).isTrue();
        assertThat(created.owner()).contains(CUSTOMER);
        assertThat(created.created()).isEqualTo(T0);
        assertThat(change.after().documents()).containsExactly(created);
        assertThat(change.events()).containsExactly(
                new DocumentEvent.DocumentUploaded(id, CUSTOMER, DocumentType.LICENSE, T0));
        assertThat(topics(change)).containsExactly("customer_verification_document_uploaded");
        assertThat(before.documents()).as("the aggregate is immutable").isEmpty();
    }

    @Test
    void aBeneficialOwnersUploadEmitsTheBeneficialOwnerTopic() {
        OwnerDocuments.Change change = ok(beneficialOwnerInDocument()
                .upload(new DocumentId("doc-1"), DocumentType.PASSPORT, newFile(), T0));

        assertThat(topics(change)).containsExactly("customer_beneficial_owner_verification_document_uploaded");
        assertThat(change.events().get(0).resourceId()).isEqualTo("doc-1");
    }

    @Test
    void theFourthPendingUploadPassesTheFifthIsRefusedAndAReviewFreesASlot() {
        OwnerDocuments four = withPending(personalInDocument(), "d1", "d2", "d3", "d4");
        assertThat(four.pendingCount()).isEqualTo(4);

        DocumentError fifth = refused(four.upload(new DocumentId("d5"), DocumentType.PASSPORT, newFile(), T0));

        assertThat(fifth.code()).isEqualTo(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES);
        assertThat(four.documents()).hasSize(4);
        OwnerDocuments freed = ok(four.review(new DocumentId("d1"),
                ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE), T1)).after();
        assertThat(freed.pendingCount()).isEqualTo(3);
        assertThat(ok(freed.upload(new DocumentId("d5"), DocumentType.PASSPORT, newFile(), T1)).after()
                .documents()).hasSize(5);
    }

    @Test
    void theSameFileTwiceIsADuplicateThatLinksTheFirstEvenAfterTheFirstWasReviewed() {
        InspectedFile file = newFile();
        OwnerDocuments one = ok(personalInDocument().upload(new DocumentId("d1"), DocumentType.PASSPORT, file, T0))
                .after();
        OwnerDocuments reviewed = ok(one.review(new DocumentId("d1"),
                ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE), T1)).after();

        for (OwnerDocuments aggregate : List.of(one, reviewed)) {
            DocumentError duplicate = refused(aggregate.upload(new DocumentId("d2"), DocumentType.ID_CARD, file, T1));
            assertThat(duplicate.code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
            assertThat(duplicate.existingDocument()).contains(new DocumentId("d1"));
        }
    }

    @Test
    void aRefusedUploadLeavesTheAggregateUnchanged() {
        OwnerDocuments one = withPending(personalInDocument(), "d1");
        var pdf = new InspectedFile(FileKind.PDF, 1000, new Fingerprint("f".repeat(64)));

        DocumentError refusal = refused(one.upload(new DocumentId("d2"), DocumentType.PASSPORT, pdf, T1));

        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_FILE_TYPE);
        assertThat(one.documents()).extracting(Document::id).containsExactly(new DocumentId("d1"));
        assertThat(ok(one.upload(new DocumentId("d2"), DocumentType.PASSPORT,
                new InspectedFile(FileKind.PNG, 1000, pdf.fingerprint()), T1)).document())
                .as("a refused file's fingerprint was not remembered").isPresent();
    }

    @Test
    void anUploadWithATakenIdIsAProgrammingError() {
        OwnerDocuments one = withPending(personalInDocument(), "d1");

        assertThatThrownBy(() -> one.upload(new DocumentId("d1"), DocumentType.PASSPORT, newFile(), T1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOwnerOutsideDocumentStatusIsRefusedBeforeTheBytesAreRead() {
        var verified = OwnerDocuments.of(new Customer(CUSTOMER, CustomerType.PERSONAL, CustomerStatus.VERIFIED),
                UploadLimits.DWOLLA);

        assertThat(verified.precheck()).map(DocumentError::code).contains(ErrorCode.INVALID_RESOURCE_STATE);
        assertThat(personalInDocument().precheck()).isEmpty();
        assertThat(refused(verified.upload(new DocumentId("d1"), DocumentType.PASSPORT, newFile(), T0)).code())
                .isEqualTo(ErrorCode.INVALID_RESOURCE_STATE);
    }

    // ------------------------------------------------------------ review

    @Test
    void acceptingACustomersDocumentEmitsApprovedThenVerified() {
        OwnerDocuments one = withPending(personalInDocument(), "d1");

        OwnerDocuments.Change change = ok(one.review(new DocumentId("d1"), ReviewDecision.accept(), T1));

        assertThat(change.events()).containsExactly(
                new DocumentEvent.DocumentApproved(new DocumentId("d1"), CUSTOMER, T1),
                new DocumentEvent.OwnerStatusChanged(CUSTOMER, CustomerStatus.DOCUMENT, CustomerStatus.VERIFIED, T1));
        assertThat(topics(change)).containsExactly("customer_verification_document_approved", "customer_verified");
        assertThat(change.after().owner().status()).isEqualTo(CustomerStatus.VERIFIED);
        assertThat(change.document().orElseThrow().isPending()).isFalse();
        assertThat(one.owner().status()).as("the aggregate is immutable").isEqualTo(CustomerStatus.DOCUMENT);
    }

    @Test
    void aMismatchRejectionEmitsFailedWithItsReasonsThenReverificationNeeded() {
        OwnerDocuments one = withPending(personalInDocument(), "d1");
        var decision = (ReviewDecision.Reject) ReviewDecision.reject(KnownFailureReason.SCAN_DOB_MISMATCH,
                KnownFailureReason.SCAN_ID_EXPIRED);

        OwnerDocuments.Change change = ok(one.review(new DocumentId("d1"), decision, T1));

        assertThat(change.events()).containsExactly(
                new DocumentEvent.DocumentFailed(new DocumentId("d1"), CUSTOMER, decision.reasons(), T1),
                new DocumentEvent.OwnerStatusChanged(CUSTOMER, CustomerStatus.DOCUMENT, CustomerStatus.RETRY, T1));
        assertThat(topics(change)).containsExactly("customer_verification_document_failed",
                "customer_reverification_needed");
    }

    @Test
    void aPossiblyFraudulentScanEmitsFailedThenSuspended() {
        OwnerDocuments.Change change = ok(withPending(personalInDocument(), "d1").review(new DocumentId("d1"),
                ReviewDecision.reject(KnownFailureReason.SCAN_FAILED_OTHER), T1));

        assertThat(topics(change)).containsExactly("customer_verification_document_failed", "customer_suspended");
        assertThat(change.after().owner().status()).isEqualTo(CustomerStatus.SUSPENDED);
    }

    @Test
    void anUnreadableScanEmitsOnlyFailedAndTheCustomerStaysInDocument() {
        OwnerDocuments.Change change = ok(withPending(personalInDocument(), "d1").review(new DocumentId("d1"),
                ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE), T1));

        assertThat(topics(change)).containsExactly("customer_verification_document_failed");
        assertThat(change.after().owner().status()).isEqualTo(CustomerStatus.DOCUMENT);
    }

    @Test
    void aBeneficialOwnersAcceptedDocumentEmitsApprovedThenVerified() {
        OwnerDocuments.Change change = ok(withPending(beneficialOwnerInDocument(), "d1")
                .review(new DocumentId("d1"), ReviewDecision.accept(), T1));

        assertThat(topics(change)).containsExactly("customer_beneficial_owner_verification_document_approved",
                "customer_beneficial_owner_verified");
        assertThat(change.after().owner().status()).isEqualTo(BeneficialOwnerStatus.VERIFIED);
    }

    @Test
    void aBeneficialOwnersRejectedDocumentEmitsOnlyFailedAndItStaysInDocument() {
        OwnerDocuments.Change change = ok(withPending(beneficialOwnerInDocument(), "d1")
                .review(new DocumentId("d1"), ReviewDecision.reject(KnownFailureReason.SCAN_NAME_MISMATCH), T1));

        assertThat(topics(change)).containsExactly("customer_beneficial_owner_verification_document_failed");
        assertThat(change.after().owner().status()).isEqualTo(BeneficialOwnerStatus.DOCUMENT);
    }

    @Test
    void onceTheOwnerLeftDocumentALaterReviewChangesOnlyTheDocument() {
        OwnerDocuments two = withPending(personalInDocument(), "d1", "d2");
        OwnerDocuments verified = ok(two.review(new DocumentId("d1"), ReviewDecision.accept(), T1)).after();

        OwnerDocuments.Change change = ok(verified.review(new DocumentId("d2"),
                ReviewDecision.reject(KnownFailureReason.SCAN_FAILED_OTHER), T1));

        assertThat(topics(change)).containsExactly("customer_verification_document_failed");
        assertThat(change.after().owner().status()).isEqualTo(CustomerStatus.VERIFIED);
        assertThat(refused(change.after().upload(new DocumentId("d3"), DocumentType.PASSPORT, newFile(), T1))
                .code()).isEqualTo(ErrorCode.INVALID_RESOURCE_STATE);
    }

    @Test
    void reviewingAReviewedDocumentIsInvalidResourceStateAndEmitsNothing() {
        OwnerDocuments reviewed = ok(withPending(personalInDocument(), "d1")
                .review(new DocumentId("d1"), ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE), T1))
                .after();

        DocumentError again = refused(reviewed.review(new DocumentId("d1"), ReviewDecision.accept(), T1));

        assertThat(again.code()).isEqualTo(ErrorCode.INVALID_RESOURCE_STATE);
        assertThat(reviewed.document(new DocumentId("d1")).orElseThrow().failureReason())
                .contains(KnownFailureReason.SCAN_NOT_READABLE.reason());
        assertThat(reviewed.owner().status()).isEqualTo(CustomerStatus.DOCUMENT);
    }

    @Test
    void reviewingAnUnknownDocumentIsNotFound() {
        assertThat(refused(personalInDocument().review(new DocumentId("nope"), ReviewDecision.accept(), T1)).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    // ------------------------------------------------------------ moveOwner

    @Test
    void movingTheOwnerEmitsOneStatusChange() {
        OwnerDocuments.Change change = personalInDocument().moveOwner(CustomerStatus.RETRY, T1);

        assertThat(change.events()).containsExactly(
                new DocumentEvent.OwnerStatusChanged(CUSTOMER, CustomerStatus.DOCUMENT, CustomerStatus.RETRY, T1));
        assertThat(change.after().owner().status()).isEqualTo(CustomerStatus.RETRY);
        assertThat(change.document()).isEmpty();
    }

    @Test
    void movingTheOwnerToItsCurrentStatusChangesNothingAndEmitsNothing() {
        OwnerDocuments start = personalInDocument();

        OwnerDocuments.Change change = start.moveOwner(CustomerStatus.DOCUMENT, T1);

        assertThat(change.events()).isEmpty();
        assertThat(change.after()).isSameAs(start);
    }

    @Test
    void movingACustomerToABeneficialOwnerStatusIsRefused() {
        assertThatThrownBy(() -> personalInDocument().moveOwner(BeneficialOwnerStatus.VERIFIED, T1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> beneficialOwnerInDocument().moveOwner(CustomerStatus.VERIFIED, T1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void movingABeneficialOwnerBackToDocumentEmitsDocumentNeededAndAllowsUploadsAgain() {
        OwnerDocuments verified = beneficialOwnerInDocument().moveOwner(BeneficialOwnerStatus.VERIFIED, T0).after();

        OwnerDocuments.Change back = verified.moveOwner(BeneficialOwnerStatus.DOCUMENT, T1);

        assertThat(topics(back)).containsExactly("customer_beneficial_owner_verification_document_needed");
        assertThat(back.after().precheck()).isEmpty();
    }
}
