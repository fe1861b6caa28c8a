package io.docverify.domain.review;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import java.util.List;

/** What a reviewer (Dwolla, or the sandbox) decides about a pending document. */
public sealed interface ReviewDecision permits ReviewDecision.Accept, ReviewDecision.Reject {

    /** Accept the document. */
    static ReviewDecision accept() {
        return Accept.INSTANCE;
    }

    /** Reject the document; the first reason becomes the primary {@code failureReason}. */
    static ReviewDecision reject(List<FailureReason> reasons) {
        return new Reject(reasons);
    }

    /** Reject the document for catalogue reasons. */
    static ReviewDecision reject(KnownFailureReason first, KnownFailureReason... more) {
        var reasons = new java.util.ArrayList<FailureReason>();
        reasons.add(first.reason());
        for (KnownFailureReason r : more) {
            reasons.add(r.reason());
        }
        return new Reject(reasons);
    }

    /** The document is accepted. */
    enum Accept implements ReviewDecision {
        INSTANCE
    }

    /** The document is rejected for at least one reason. */
    record Reject(List<FailureReason> reasons) implements ReviewDecision {
        public Reject {
            if (reasons == null || reasons.isEmpty()) {
                throw DocumentError.validation(FieldError.REQUIRED, "/reasons",
                        "A rejection needs at least one failure reason.").toException();
            }
            reasons = List.copyOf(reasons);
        }
    }
}
