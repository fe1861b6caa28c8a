package io.docverify.domain.owner;

import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.OwnerEffect;
import io.docverify.domain.review.ReviewDecision;
import java.util.Optional;

/**
 * What a review does to the document's owner, as Dwolla's verification guides describe it. The rule, in full:
 * <ul>
 *   <li>Only an owner still in {@code document} status moves. An owner who already left it (verified by an
 *       earlier document, moved to retry, suspended) keeps its status; the review changes the document only.
 *   <li>Accepted: a customer becomes {@code verified}; a beneficial owner becomes {@code verified}.
 *   <li>Rejected, customer: if any reason is {@code ScanFailedOther} (possible fraud) the customer is
 *       {@code suspended}; otherwise if any reason is a data mismatch (ScanDobMismatch, ScanNameMismatch,
 *       BusinessNameMismatch, BusinessTypeMismatch) it moves to {@code retry}; otherwise it stays in
 *       {@code document} and must upload again.
 *   <li>Rejected, beneficial owner: it stays in {@code document} (its only statuses are incomplete, document,
 *       verified, and Dwolla names no retry path out of document).
 * </ul>
 */
public final class ReviewEffects {
    private ReviewEffects() {
    }

    /** The owner's new status after the decision, or empty if the owner does not move. */
    public static Optional<OwnerStatus> nextStatus(Owner owner, ReviewDecision decision) {
        if (!owner.awaitsDocuments()) {
            return Optional.empty();
        }
        if (decision instanceof ReviewDecision.Accept) {
            return Optional.of(owner instanceof Customer ? CustomerStatus.VERIFIED : BeneficialOwnerStatus.VERIFIED);
        }
        if (owner instanceof BeneficialOwner) {
            return Optional.empty();
        }
        var reasons = ((ReviewDecision.Reject) decision).reasons();
        if (reasons.stream().map(FailureReason::customerEffect).anyMatch(e -> e == OwnerEffect.SUSPEND)) {
            return Optional.of(CustomerStatus.SUSPENDED);
        }
        if (reasons.stream().map(FailureReason::customerEffect).anyMatch(e -> e == OwnerEffect.RETRY)) {
            return Optional.of(CustomerStatus.RETRY);
        }
        return Optional.empty();
    }
}
