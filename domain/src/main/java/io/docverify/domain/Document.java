package io.docverify.domain;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.ReviewDecision;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An identity-verification document as Dwolla publishes it: id, type, creation time and review state.
 *
 * <p>{@code owner} is known whenever the document was seen through its owner (an upload or an owner's list);
 * Dwolla's {@code GET /documents/{id}} does not name the owner, so a document read only by id may not know it.
 * Instances are immutable; {@link #review} returns a new document.
 */
public record Document(DocumentId id, Optional<OwnerId> owner, DocumentType type, Instant created,
        DocumentState state) {

    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(state, "state");
    }

    /**
     * The order in which docverify lists documents: newest first; ties (same instant) broken by id so the order is
     * stable. Every provider and the application use it, so a list reads the same whichever provider answers.
     */
    public static final Comparator<Document> NEWEST_FIRST = Comparator.comparing(Document::created)
            .reversed()
            .thenComparing(d -> d.id().value());

    /** A freshly uploaded document, awaiting review. */
    public static Document pending(DocumentId id, OwnerId owner, DocumentType type, Instant created) {
        return new Document(id, Optional.of(owner), type, created, DocumentState.Pending.INSTANCE);
    }

    /**
     * The document after a review. Only a pending document can be reviewed; reviewing a reviewed document is
     * refused with {@code invalidResourceState} and changes nothing.
     */
    public Result<Document> review(ReviewDecision decision) {
        if (state instanceof DocumentState.Pending pending) {
            return Result.ok(new Document(id, owner, type, created, pending.review(decision)));
        }
        return Result.refused(DocumentError.of(ErrorCode.INVALID_RESOURCE_STATE,
                "Document " + id + " was already reviewed; a review is final."));
    }

    /** The same document with its owner filled in. */
    public Document withOwner(OwnerId knownOwner) {
        return new Document(id, Optional.of(knownOwner), type, created, state);
    }

    /** Dwolla's {@code status}. */
    public DocumentStatus status() {
        return state.status();
    }

    /** Dwolla's {@code documentVerificationStatus}. */
    public VerificationStatus verificationStatus() {
        return state.verificationStatus();
    }

    /** True while the document awaits review. */
    public boolean isPending() {
        return state == DocumentState.Pending.INSTANCE;
    }

    /** Dwolla's {@code failureReason}: present exactly when the document was rejected. */
    public Optional<FailureReason> failureReason() {
        return state instanceof DocumentState.Rejected r ? Optional.of(r.failureReason()) : Optional.empty();
    }

    /** Dwolla's {@code allFailureReasons}: non-empty exactly when the document was rejected. */
    public List<FailureReason> allFailureReasons() {
        return state instanceof DocumentState.Rejected r ? r.allFailureReasons() : List.of();
    }
}
