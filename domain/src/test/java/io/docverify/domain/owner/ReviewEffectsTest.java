package io.docverify.domain.owner;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.OwnerEffect;
import io.docverify.domain.review.ReviewDecision;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ReviewEffectsTest {
    private static final Customer PERSONAL = customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
    private static final Customer BUSINESS = customer(CustomerType.BUSINESS, CustomerStatus.DOCUMENT);
    private static final BeneficialOwner OWNER =
            new BeneficialOwner(new BeneficialOwnerId("bo-1"), BeneficialOwnerStatus.DOCUMENT);

    private static Customer customer(CustomerType type, CustomerStatus status) {
        return new Customer(new CustomerId("c-1"), type, status);
    }

    private static Optional<OwnerStatus> after(Owner owner, ReviewDecision decision) {
        return ReviewEffects.nextStatus(owner, decision);
    }

    // ------------------------------------------------------------ accepted

    @Test
    void anAcceptedDocumentVerifiesACustomerInDocumentStatus() {
        assertThat(after(PERSONAL, ReviewDecision.accept())).contains(CustomerStatus.VERIFIED);
        assertThat(after(BUSINESS, ReviewDecision.accept())).contains(CustomerStatus.VERIFIED);
    }

    @Test
    void anAcceptedDocumentVerifiesABeneficialOwnerInDocumentStatus() {
        assertThat(after(OWNER, ReviewDecision.accept())).contains(BeneficialOwnerStatus.VERIFIED);
    }

    // ------------------------------------------------------------ rejected: the table of the twelve reasons

    static Stream<Arguments> everyReasonsEffectOnACustomer() {
        return Stream.of(
                Arguments.of(KnownFailureReason.BUSINESS_DOC_NOT_SUPPORTED, Optional.empty()),
                Arguments.of(KnownFailureReason.BUSINESS_NAME_MISMATCH, Optional.of(CustomerStatus.RETRY)),
                Arguments.of(KnownFailureReason.BUSINESS_TYPE_MISMATCH, Optional.of(CustomerStatus.RETRY)),
                Arguments.of(KnownFailureReason.FOREIGN_PASSPORT_NOT_ALLOWED, Optional.empty()),
                Arguments.of(KnownFailureReason.SCAN_DOB_MISMATCH, Optional.of(CustomerStatus.RETRY)),
                Arguments.of(KnownFailureReason.SCAN_FAILED_OTHER, Optional.of(CustomerStatus.SUSPENDED)),
                Arguments.of(KnownFailureReason.SCAN_ID_EXPIRED, Optional.empty()),
                Arguments.of(KnownFailureReason.SCAN_ID_TYPE_NOT_SUPPORTED, Optional.empty()),
                Arguments.of(KnownFailureReason.SCAN_ID_UNRECOGNIZED, Optional.empty()),
                Arguments.of(KnownFailureReason.SCAN_NAME_MISMATCH, Optional.of(CustomerStatus.RETRY)),
                Arguments.of(KnownFailureReason.SCAN_NOT_READABLE, Optional.empty()),
                Arguments.of(KnownFailureReason.SCAN_NOT_UPLOADED, Optional.empty()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyReasonsEffectOnACustomer")
    void aRejectionMovesACustomerInDocumentStatusAsTheTableSays(KnownFailureReason reason,
            Optional<CustomerStatus> expected) {
        assertThat(after(PERSONAL, ReviewDecision.reject(reason))).isEqualTo(expected.map(s -> (OwnerStatus) s));
        assertThat(after(BUSINESS, ReviewDecision.reject(reason))).isEqualTo(expected.map(s -> (OwnerStatus) s));
        OwnerEffect effect = expected.isEmpty() ? OwnerEffect.STAYS_IN_DOCUMENT
                : expected.get() == CustomerStatus.RETRY ? OwnerEffect.RETRY : OwnerEffect.SUSPEND;
        assertThat(reason.customerEffect()).isEqualTo(effect);
    }

    @Test
    void theTableCoversEveryKnownReason() {
        assertThat(everyReasonsEffectOnACustomer().map(a -> a.get()[0]))
                .containsExactlyInAnyOrder((Object[]) KnownFailureReason.values());
    }

    @Test
    void suspensionWinsOverRetryWhateverTheOrderOfReasons() {
        assertThat(after(PERSONAL, ReviewDecision.reject(KnownFailureReason.SCAN_DOB_MISMATCH,
                KnownFailureReason.SCAN_FAILED_OTHER))).contains(CustomerStatus.SUSPENDED);
        assertThat(after(PERSONAL, ReviewDecision.reject(KnownFailureReason.SCAN_FAILED_OTHER,
                KnownFailureReason.SCAN_NAME_MISMATCH))).contains(CustomerStatus.SUSPENDED);
    }

    @Test
    void retryWinsOverStayingInDocumentWhateverTheOrderOfReasons() {
        assertThat(after(PERSONAL, ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE,
                KnownFailureReason.SCAN_NAME_MISMATCH))).contains(CustomerStatus.RETRY);
        assertThat(after(BUSINESS, ReviewDecision.reject(KnownFailureReason.BUSINESS_TYPE_MISMATCH,
                KnownFailureReason.SCAN_ID_EXPIRED))).contains(CustomerStatus.RETRY);
    }

    @Test
    void onlyStayReasonsLeaveTheCustomerInDocument() {
        assertThat(after(PERSONAL, ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE,
                KnownFailureReason.SCAN_ID_EXPIRED, KnownFailureReason.SCAN_NOT_UPLOADED))).isEmpty();
    }

    @Test
    void aReasonDocverifyDoesNotKnowLeavesTheCustomerInDocument() {
        var unknown = new FailureReason("ScanHologramMissing", "");

        assertThat(after(PERSONAL, ReviewDecision.reject(List.of(unknown)))).isEmpty();
        assertThat(after(PERSONAL, ReviewDecision.reject(List.of(unknown,
                KnownFailureReason.SCAN_DOB_MISMATCH.reason())))).contains(CustomerStatus.RETRY);
    }

    @ParameterizedTest
    @EnumSource(KnownFailureReason.class)
    void aRejectionLeavesABeneficialOwnerInDocument(KnownFailureReason reason) {
        assertThat(after(OWNER, ReviewDecision.reject(reason))).isEmpty();
    }

    // ------------------------------------------------------------ owners that no longer wait for documents

    @ParameterizedTest
    @EnumSource(value = CustomerStatus.class, names = "DOCUMENT", mode = EnumSource.Mode.EXCLUDE)
    void aCustomerThatLeftDocumentStatusDoesNotMove(CustomerStatus status) {
        Customer moved = customer(CustomerType.PERSONAL, status);

        assertThat(after(moved, ReviewDecision.accept())).isEmpty();
        assertThat(after(moved, ReviewDecision.reject(KnownFailureReason.SCAN_FAILED_OTHER))).isEmpty();
        assertThat(after(moved, ReviewDecision.reject(KnownFailureReason.SCAN_DOB_MISMATCH))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = BeneficialOwnerStatus.class, names = {"INCOMPLETE", "VERIFIED"})
    void aBeneficialOwnerOutsideDocumentStatusDoesNotMove(BeneficialOwnerStatus status) {
        var owner = new BeneficialOwner(new BeneficialOwnerId("bo-2"), status);

        assertThat(after(owner, ReviewDecision.accept())).isEmpty();
    }

    @Test
    void aCustomerOfAnUnverifiedTypeDoesNotMoveEvenInDocumentStatus() {
        assertThat(after(customer(CustomerType.UNVERIFIED, CustomerStatus.DOCUMENT), ReviewDecision.accept()))
                .isEmpty();
        assertThat(after(customer(CustomerType.RECEIVE_ONLY, CustomerStatus.DOCUMENT), ReviewDecision.accept()))
                .isEmpty();
    }
}
