package io.docverify.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentStateMachineTest {
    private static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");
    private static final FailureReason DOB = KnownFailureReason.SCAN_DOB_MISMATCH.reason();
    private static final FailureReason EXPIRED = KnownFailureReason.SCAN_ID_EXPIRED.reason();

    private static Document pending() {
        return Document.pending(new DocumentId("doc-1"), new CustomerId("cust-1"), DocumentType.PASSPORT, CREATED);
    }

    private static Document reviewed(ReviewDecision decision) {
        return pending().review(decision).orThrow();
    }

    // ------------------------------------------------------------ transitions

    @Test
    void aNewDocumentIsPendingOnBothDwollaFieldsWithoutFailureReasons() {
        Document document = pending();

        assertThat(document.status()).isEqualTo(DocumentStatus.PENDING);
        assertThat(document.verificationStatus()).isEqualTo(VerificationStatus.PENDING);
        assertThat(document.isPending()).isTrue();
        assertThat(document.failureReason()).isEmpty();
        assertThat(document.allFailureReasons()).isEmpty();
        assertThat(document.owner()).contains(new CustomerId("cust-1"));
    }

    @Test
    void acceptingAPendingDocumentMakesItReviewedAndAcceptedWithoutFailureReasons() {
        Document accepted = reviewed(ReviewDecision.accept());

        assertThat(accepted.state()).isEqualTo(DocumentState.Accepted.INSTANCE);
        assertThat(accepted.status()).isEqualTo(DocumentStatus.REVIEWED);
        assertThat(accepted.verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
        assertThat(accepted.isPending()).isFalse();
        assertThat(accepted.failureReason()).isEmpty();
        assertThat(accepted.allFailureReasons()).isEmpty();
    }

    @Test
    void rejectingAPendingDocumentMakesItReviewedAndRejectedWithThePrimaryReasonFirst() {
        Document rejected = reviewed(ReviewDecision.reject(List.of(DOB, EXPIRED)));

        assertThat(rejected.status()).isEqualTo(DocumentStatus.REVIEWED);
        assertThat(rejected.verificationStatus()).isEqualTo(VerificationStatus.REJECTED);
        assertThat(rejected.failureReason()).contains(DOB);
        assertThat(rejected.allFailureReasons()).containsExactly(DOB, EXPIRED);
    }

    @Test
    void aReviewKeepsTheIdTypeOwnerAndCreationTime() {
        Document before = pending();
        Document after = before.review(ReviewDecision.accept()).orThrow();

        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.type()).isEqualTo(before.type());
        assertThat(after.owner()).isEqualTo(before.owner());
        assertThat(after.created()).isEqualTo(before.created());
        assertThat(before.isPending()).as("the original is immutable").isTrue();
    }

    @Test
    void reviewingAnAcceptedDocumentIsInvalidResourceStateAndChangesNothing() {
        Document accepted = reviewed(ReviewDecision.accept());

        Result<Document> again = accepted.review(ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE));

        assertThat(again).isInstanceOfSatisfying(Result.Refused.class,
                r -> assertThat(r.error().code()).isEqualTo(ErrorCode.INVALID_RESOURCE_STATE));
        assertThat(accepted.verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
    }

    @Test
    void reviewingARejectedDocumentIsInvalidResourceStateEvenWithTheSameDecision() {
        ReviewDecision decision = ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE);
        Document rejected = reviewed(decision);

        assertThatThrownBy(() -> rejected.review(decision).orThrow()).isInstanceOfSatisfying(
                DocumentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RESOURCE_STATE));
        assertThatThrownBy(() -> rejected.review(ReviewDecision.accept()).orThrow())
                .isInstanceOf(DocumentException.class);
        assertThat(rejected.allFailureReasons()).containsExactly(KnownFailureReason.SCAN_NOT_READABLE.reason());
    }

    // ------------------------------------------------------------ Rejected's invariants

    @Test
    void aRejectionWithoutAFailureReasonCannotBeBuilt() {
        assertThatThrownBy(() -> new DocumentState.Rejected(null, List.of(DOB)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.error().fieldErrors()).singleElement()
                            .satisfies(f -> assertThat(f.path()).isEqualTo("/failureReason"));
                });
    }

    @Test
    void allFailureReasonsDefaultsToThePrimaryReasonWhenMissingOrEmpty() {
        assertThat(new DocumentState.Rejected(DOB, null).allFailureReasons()).containsExactly(DOB);
        assertThat(new DocumentState.Rejected(DOB, List.of()).allFailureReasons()).containsExactly(DOB);
    }

    @Test
    void aPrimaryReasonThatIsNotFirstIsKeptAsItCame() {
        var state = new DocumentState.Rejected(EXPIRED, List.of(DOB, EXPIRED));

        assertThat(state.failureReason()).isEqualTo(EXPIRED);
        assertThat(state.allFailureReasons()).containsExactly(DOB, EXPIRED);
    }

    @Test
    void allFailureReasonsIsACopyThatCannotBeChangedFromOutside() {
        var reasons = new java.util.ArrayList<>(List.of(DOB));
        var state = new DocumentState.Rejected(DOB, reasons);
        reasons.add(EXPIRED);

        assertThat(state.allFailureReasons()).containsExactly(DOB);
        assertThatThrownBy(() -> state.allFailureReasons().add(EXPIRED))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRejectDecisionNeedsAtLeastOneReason() {
        assertThatThrownBy(() -> ReviewDecision.reject(List.of())).isInstanceOfSatisfying(DocumentException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
        assertThatThrownBy(() -> ReviewDecision.reject((List<FailureReason>) null))
                .isInstanceOf(DocumentException.class);
    }

    // ------------------------------------------------------------ derived Dwolla fields

    @Test
    void statusAndVerificationStatusAreDerivedFromTheStateForEveryState() {
        assertThat(DocumentState.Pending.INSTANCE.status()).isEqualTo(DocumentStatus.PENDING);
        assertThat(DocumentState.Pending.INSTANCE.verificationStatus()).isEqualTo(VerificationStatus.PENDING);
        assertThat(DocumentState.Accepted.INSTANCE.status()).isEqualTo(DocumentStatus.REVIEWED);
        assertThat(DocumentState.Accepted.INSTANCE.verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
        var rejected = new DocumentState.Rejected(DOB, List.of(DOB));
        assertThat(rejected.status()).isEqualTo(DocumentStatus.REVIEWED);
        assertThat(rejected.verificationStatus()).isEqualTo(VerificationStatus.REJECTED);
    }

    @Test
    void failureReasonsExistExactlyWhenTheDocumentIsRejected() {
        List<Document> documents = List.of(pending(), reviewed(ReviewDecision.accept()),
                reviewed(ReviewDecision.reject(List.of(DOB))));

        for (Document d : documents) {
            boolean rejected = d.verificationStatus() == VerificationStatus.REJECTED;
            assertThat(d.failureReason().isPresent()).as("%s", d.state()).isEqualTo(rejected);
            assertThat(d.allFailureReasons().isEmpty()).as("%s", d.state()).isEqualTo(!rejected);
        }
    }

    @Test
    void dwollasWireSpellingsAreKept() {
        assertThat(DocumentStatus.PENDING.wire()).isEqualTo("pending");
        assertThat(DocumentStatus.REVIEWED.wire()).isEqualTo("reviewed");
        assertThat(VerificationStatus.PENDING.wire()).isEqualTo("pending");
        assertThat(VerificationStatus.ACCEPTED.wire()).isEqualTo("accepted");
        assertThat(VerificationStatus.REJECTED.wire()).isEqualTo("rejected");
    }

    @Test
    void aDocumentReadByIdAloneMayLackItsOwnerUntilItIsFilledIn() {
        var anonymous = new Document(new DocumentId("doc-2"), java.util.Optional.empty(), DocumentType.LICENSE,
                CREATED, DocumentState.Pending.INSTANCE);

        assertThat(anonymous.owner()).isEmpty();
        assertThat(anonymous.withOwner(new BeneficialOwnerId("bo-1")).owner()).contains(new BeneficialOwnerId("bo-1"));
    }
}
