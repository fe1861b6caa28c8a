package io.docverify.grpc.service;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentHistoryRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentHistoryResponse;
import io.docverify.grpc.v1.HistoryProto;
import io.docverify.grpc.v1.SandboxServiceProto;
import io.docverify.ports.in.HistoryRequest;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.HistoryPage;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.out.UploadAttempt;
import io.docverify.ports.out.UploadOutcome;

/**
 * Translation between ListDocumentHistory's messages and the journal's entries ({@code ports.out}). The journal's
 * types go by their simple names here, the messages that share a name with one by {@code HistoryProto.X}. Nothing
 * here adds what the journal does not hold: no file bytes, no file name, no idempotency key (only its hash), no API
 * key (only its name).
 */
final class HistoryMessages {
    private HistoryMessages() {
    }

    /**
     * The use case's request: the subject (a malformed id is a validation error on its field, none at all on
     * {@code /subject}), the cursor from the page token ({@link HistoryPageToken}), the page size.
     */
    static HistoryRequest request(ListDocumentHistoryRequest request) {
        HistoryQuery.Subject subject = subject(request);
        return new HistoryRequest(subject, HistoryPageToken.decode(subject, request.getPageToken()),
                request.getPageSize());
    }

    static HistoryQuery.Subject subject(ListDocumentHistoryRequest request) {
        return switch (request.getSubjectCase()) {
            case DOCUMENT_ID -> new HistoryQuery.OfDocument(DocumentMessages.documentId(request.getDocumentId()));
            case CUSTOMER_ID -> new HistoryQuery.OfOwner(new CustomerId(request.getCustomerId()));
            case BENEFICIAL_OWNER_ID -> new HistoryQuery.OfOwner(new BeneficialOwnerId(request.getBeneficialOwnerId()));
            case SUBJECT_NOT_SET -> throw DocumentMessages.invalid(FieldError.REQUIRED, "/subject",
                    "A document_id, customer_id or beneficial_owner_id is required.");
        };
    }

    /** The answer: the page's entries, and the token of the next page when there may be one. */
    static ListDocumentHistoryResponse toProto(HistoryQuery.Subject subject, HistoryPage page) {
        var b = ListDocumentHistoryResponse.newBuilder();
        page.entries().forEach(e -> b.addEntries(toProto(e)));
        page.next().ifPresent(next -> b.setNextPageToken(HistoryPageToken.encode(subject, next)));
        return b.build();
    }

    static HistoryProto.HistoryEntry toProto(JournalEntry entry) {
        var b = HistoryProto.HistoryEntry.newBuilder().setSequence(entry.sequence());
        OwnerId owner = entry.owner();
        if (owner instanceof CustomerId c) {
            b.setCustomerId(c.value());
        } else {
            b.setBeneficialOwnerId(owner.value());
        }
        b.setTime(DocumentMessages.timestamp(entry.at()));
        if (entry instanceof JournalEntry.UploadStarted started) {
            b.setUploadStarted(toProto(started.attempt(), started.status()));
        } else if (entry instanceof JournalEntry.UploadEnded ended) {
            b.setUploadEnded(toProto(ended.attemptId(), ended.outcome()));
        } else {
            DocumentChange change = ((JournalEntry.Changed) entry).change();
            if (change instanceof DocumentChange.Reviewed reviewed) {
                b.setDocumentReviewed(toProto(reviewed));
            } else {
                b.setOwnerStatusChanged(toProto((DocumentChange.OwnerStatusChanged) change));
            }
        }
        return b.build();
    }

    private static HistoryProto.UploadStarted toProto(UploadAttempt attempt, JournalEntry.AttemptStatus status) {
        var b = HistoryProto.UploadStarted.newBuilder()
                .setDocumentType(DocumentMessages.toProto(attempt.type()))
                .setCallerKeyName(attempt.callerKey())
                .setReplica(attempt.replica())
                .setStatus(switch (status) {
                    case RUNNING -> HistoryProto.UploadAttemptStatus.UPLOAD_ATTEMPT_STATUS_RUNNING;
                    case ENDED -> HistoryProto.UploadAttemptStatus.UPLOAD_ATTEMPT_STATUS_ENDED;
                    case ABANDONED -> HistoryProto.UploadAttemptStatus.UPLOAD_ATTEMPT_STATUS_ABANDONED;
                });
        attempt.idempotencyKey().ifPresent(k -> b.setIdempotencyKeySha256(k.hex()));
        attempt.declaredSize().ifPresent(b::setDeclaredSizeBytes);
        attempt.declaredSha256().ifPresent(b::setDeclaredSha256);
        return b.build();
    }

    private static HistoryProto.UploadEnded toProto(long attemptId, UploadOutcome outcome) {
        var b = HistoryProto.UploadEnded.newBuilder()
                .setAttemptSequence(attemptId)
                .setOutcome(outcomeCode(outcome.outcome()))
                .setSizeBytes(outcome.sizeBytes());
        outcome.document().ifPresent(d -> b.setDocumentId(d.value()));
        outcome.sha256().ifPresent(b::setSha256);
        return b.build();
    }

    /**
     * {@code created} and {@code duplicate} as they are; a refusal recorded by its {@link ErrorCode} name as the
     * code's wire spelling (what {@code ErrorInfo.reason} says); anything else as it was recorded.
     */
    static String outcomeCode(String outcome) {
        if (outcome.equals(UploadOutcome.CREATED) || outcome.equals(UploadOutcome.DUPLICATE)) {
            return outcome;
        }
        try {
            return ErrorCode.valueOf(outcome).wire();
        } catch (IllegalArgumentException e) {
            return outcome;
        }
    }

    private static HistoryProto.DocumentReviewed toProto(DocumentChange.Reviewed reviewed) {
        var b = HistoryProto.DocumentReviewed.newBuilder()
                .setDocumentId(reviewed.documentId().value())
                .setSource(toProto(reviewed.source()));
        if (reviewed.decision() instanceof ReviewDecision.Reject reject) {
            b.setDecision(SandboxServiceProto.ReviewDecision.REVIEW_DECISION_REJECT);
            reject.reasons().forEach(r -> b.addFailureReasons(DocumentMessages.toProto(r)));
        } else {
            b.setDecision(SandboxServiceProto.ReviewDecision.REVIEW_DECISION_ACCEPT);
        }
        reviewed.providerEventId().ifPresent(b::setProviderEventId);
        return b.build();
    }

    private static HistoryProto.OwnerStatusChanged toProto(DocumentChange.OwnerStatusChanged changed) {
        var b = HistoryProto.OwnerStatusChanged.newBuilder().setSource(toProto(changed.source()));
        if (changed.status() instanceof CustomerStatus s) {
            b.setCustomerStatus(SandboxMessages.toProto(s));
        } else {
            b.setBeneficialOwnerStatus(SandboxMessages.toProto((BeneficialOwnerStatus) changed.status()));
        }
        changed.providerEventId().ifPresent(b::setProviderEventId);
        return b.build();
    }

    private static HistoryProto.ChangeSource toProto(DocumentChange.Source source) {
        return switch (source) {
            case WEBHOOK -> HistoryProto.ChangeSource.CHANGE_SOURCE_WEBHOOK;
            case RECONCILIATION -> HistoryProto.ChangeSource.CHANGE_SOURCE_RECONCILIATION;
            case POLL -> HistoryProto.ChangeSource.CHANGE_SOURCE_POLL;
            case SANDBOX -> HistoryProto.ChangeSource.CHANGE_SOURCE_SANDBOX;
        };
    }
}
