package io.docverify.domain;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.ReviewDecision;
import java.util.List;
import java.util.Objects;

/**
 * The review state of a document, as a closed set: {@link Pending}, or reviewed as {@link Accepted} or
 * {@link Rejected}. Only {@code Pending} has a transition ({@link Pending#review}); a reviewed state is final,
 * so a second review cannot even be written against it.
 *
 * <p>The two Dwolla fields {@code status} and {@code documentVerificationStatus} are derived from the state,
 * so an impossible pair ({@code pending}+{@code rejected}) cannot be represented; neither can a rejection
 * without a failure reason, nor failure reasons on an accepted document.
 */
public sealed interface DocumentState permits DocumentState.Pending, DocumentState.Accepted, DocumentState.Rejected {

    /** Dwolla's {@code status}. */
    DocumentStatus status();

    /** Dwolla's {@code documentVerificationStatus}. */
    VerificationStatus verificationStatus();

    /** Awaiting review. */
    enum Pending implements DocumentState {
        INSTANCE;

        /** The one transition of the lifecycle: pending to reviewed, accepted or rejected. */
        public DocumentState review(ReviewDecision decision) {
            Objects.requireNonNull(decision, "decision");
            if (decision instanceof ReviewDecision.Reject reject) {
                return new Rejected(reject.reasons().get(0), reject.reasons());
            }
            return Accepted.INSTANCE;
        }

        @Override
        public DocumentStatus status() {
            return DocumentStatus.PENDING;
        }

        @Override
        public VerificationStatus verificationStatus() {
            return VerificationStatus.PENDING;
        }
    }

    /** Reviewed and accepted. Final. */
    enum Accepted implements DocumentState {
        INSTANCE;

        @Override
        public DocumentStatus status() {
            return DocumentStatus.REVIEWED;
        }

        @Override
        public VerificationStatus verificationStatus() {
            return VerificationStatus.ACCEPTED;
        }
    }

    /**
     * Reviewed and rejected, with Dwolla's primary {@code failureReason} and {@code allFailureReasons}. Final.
     * Dwolla does not promise that the primary reason is the first of all reasons (one of its own examples
     * differs), so both are kept as they came.
     */
    record Rejected(FailureReason failureReason, List<FailureReason> allFailureReasons) implements DocumentState {
        public Rejected {
            if (failureReason == null) {
                throw DocumentError.validation(FieldError.REQUIRED, "/failureReason",
                        "A rejected document needs a failure reason.").toException();
            }
            allFailureReasons = allFailureReasons == null || allFailureReasons.isEmpty()
                    ? List.of(failureReason)
                    : List.copyOf(allFailureReasons);
        }

        @Override
        public DocumentStatus status() {
            return DocumentStatus.REVIEWED;
        }

        @Override
        public VerificationStatus verificationStatus() {
            return VerificationStatus.REJECTED;
        }
    }
}
