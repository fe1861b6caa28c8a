package io.docverify.grpc.load;

import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.DocumentStatus;
import io.docverify.grpc.v1.DocumentProto.FailureReason;
import io.docverify.grpc.v1.DocumentProto.VerificationStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One observation of a document's review state, from any source (an upload or review answer, a get, a list, a
 * watch, the event bus), and the rules of the state machine that observations must obey: {@code pending} ->
 * {@code reviewed} with {@code accepted}, or {@code rejected} with failure reasons exactly when rejected; a review is
 * final.
 */
record Seen(DocumentStatus status, VerificationStatus verification, List<String> reasons, String failureReason) {
    static final Seen PENDING = new Seen(DocumentStatus.DOCUMENT_STATUS_PENDING,
            VerificationStatus.VERIFICATION_STATUS_PENDING, List.of(), "");

    static Seen of(Document d) {
        return new Seen(d.getStatus(), d.getVerificationStatus(),
                d.getAllFailureReasonsList().stream().map(FailureReason::getReason).toList(),
                d.hasFailureReason() ? d.getFailureReason().getReason() : "");
    }

    static Seen accepted() {
        return new Seen(DocumentStatus.DOCUMENT_STATUS_REVIEWED, VerificationStatus.VERIFICATION_STATUS_ACCEPTED,
                List.of(), "");
    }

    static Seen rejected(List<String> reasons) {
        return new Seen(DocumentStatus.DOCUMENT_STATUS_REVIEWED, VerificationStatus.VERIFICATION_STATUS_REJECTED,
                List.copyOf(reasons), reasons.get(0));
    }

    boolean reviewed() {
        return status == DocumentStatus.DOCUMENT_STATUS_REVIEWED;
    }

    /** Why this observation is not a state the machine has, if it is not. */
    Optional<String> illegality() {
        boolean ok = switch (verification) {
            case VERIFICATION_STATUS_PENDING -> status == DocumentStatus.DOCUMENT_STATUS_PENDING
                    && reasons.isEmpty() && failureReason.isEmpty();
            case VERIFICATION_STATUS_ACCEPTED -> status == DocumentStatus.DOCUMENT_STATUS_REVIEWED
                    && reasons.isEmpty() && failureReason.isEmpty();
            case VERIFICATION_STATUS_REJECTED -> status == DocumentStatus.DOCUMENT_STATUS_REVIEWED
                    && !reasons.isEmpty() && failureReason.equals(reasons.get(0));
            default -> false;
        };
        return ok ? Optional.empty() : Optional.of("not a state of the machine: " + this);
    }

    /**
     * Why an ordered sequence of observations (one watch stream, the event bus) is not a legal path, if it is
     * not: every state legal, and nothing after a review but that same review.
     */
    static Optional<String> illegalPath(List<Seen> path) {
        Seen reviewed = null;
        for (Seen s : path) {
            Optional<String> bad = s.illegality();
            if (bad.isPresent()) {
                return bad;
            }
            if (reviewed != null && !s.equals(reviewed)) {
                return Optional.of("changed after its review: " + path);
            }
            if (s.reviewed()) {
                reviewed = s;
            }
        }
        return Optional.empty();
    }

    /**
     * Why unordered observations of one document cannot all be true of one legal history whose last state is
     * {@code last}, if they cannot: every state legal, one review at most, and none if the document is still
     * pending at the end.
     */
    static Optional<String> inconsistent(Collection<Seen> seen, Seen last) {
        for (Seen s : seen) {
            Optional<String> bad = s.illegality();
            if (bad.isPresent()) {
                return bad;
            }
            if (s.reviewed() && !s.equals(last)) {
                return Optional.of("seen reviewed as " + s + " but it ended as " + last);
            }
        }
        return last.illegality();
    }
}
