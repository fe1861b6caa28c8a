package io.docverify.domain;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.Owner;
import io.docverify.domain.owner.OwnerStatus;
import io.docverify.domain.owner.ReviewEffects;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.domain.upload.Fingerprint;
import io.docverify.domain.upload.InspectedFile;
import io.docverify.domain.upload.UploadAttempt;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.domain.upload.UploadRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The aggregate: one owner, its documents and the fingerprints of its files. Immutable; every command returns
 * either a refusal or a {@link Change} with the next aggregate and the events the command caused. A store
 * that swaps aggregates atomically per owner therefore needs no other locking to keep the invariants (at most
 * four pending, final reviews, no duplicates).
 */
public final class OwnerDocuments {
    private final Owner owner;
    private final List<Document> documents;
    private final Map<Fingerprint, DocumentId> fingerprints;
    private final UploadLimits limits;

    private OwnerDocuments(Owner owner, List<Document> documents, Map<Fingerprint, DocumentId> fingerprints,
            UploadLimits limits) {
        this.owner = owner;
        this.documents = documents;
        this.fingerprints = fingerprints;
        this.limits = limits;
    }

    /** A new owner without documents. */
    public static OwnerDocuments of(Owner owner, UploadLimits limits) {
        return new OwnerDocuments(Objects.requireNonNull(owner, "owner"), List.of(), Map.of(),
                Objects.requireNonNull(limits, "limits"));
    }

    /**
     * An owner's aggregate rebuilt from stored facts (a sandbox's state file), without replaying any rule: the
     * documents as they were (oldest first, each in its state) and the fingerprints of their files, so the
     * duplicate rule and the pending limit apply to the next upload exactly as before. Only the facts' own
     * consistency is checked: every document is this owner's (a document without an owner is given it), no id
     * twice, every fingerprint names one of the documents.
     *
     * @throws IllegalArgumentException if the facts contradict each other
     */
    public static OwnerDocuments restore(Owner owner, List<Document> documents,
            Map<Fingerprint, DocumentId> fingerprints, UploadLimits limits) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(limits, "limits");
        var ids = new java.util.HashSet<DocumentId>();
        var owned = new ArrayList<Document>(documents.size());
        for (Document document : documents) {
            if (document.owner().isPresent() && !document.owner().get().equals(owner.id())) {
                throw new IllegalArgumentException("document " + document.id() + " belongs to another owner");
            }
            if (!ids.add(document.id())) {
                throw new IllegalArgumentException("document " + document.id() + " is listed twice");
            }
            owned.add(document.owner().isPresent() ? document : document.withOwner(owner.id()));
        }
        for (DocumentId id : fingerprints.values()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("a fingerprint names document " + id + ", not one of the owner's");
            }
        }
        return new OwnerDocuments(owner, List.copyOf(owned), Map.copyOf(fingerprints), limits);
    }

    /** The result of a command: the aggregate after it, the document it touched, and the events it caused. */
    public record Change(OwnerDocuments after, Optional<Document> document, List<DocumentEvent> events) {
        public Change {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(document, "document");
            events = List.copyOf(events);
        }
    }

    public Owner owner() {
        return owner;
    }

    public UploadLimits limits() {
        return limits;
    }

    /** The owner's documents, oldest first. */
    public List<Document> documents() {
        return documents;
    }

    /** The fingerprint of each file uploaded, and the document it became (what the duplicate rule checks). */
    public Map<Fingerprint, DocumentId> fingerprints() {
        return fingerprints;
    }

    /** One of the owner's documents. */
    public Optional<Document> document(DocumentId id) {
        return documents.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** How many of the owner's documents await review. */
    public long pendingCount() {
        return documents.stream().filter(Document::isPending).count();
    }

    /** The owner rule alone, for refusing an upload before reading its bytes. */
    public Optional<DocumentError> precheck() {
        return UploadRules.ownerAwaitsDocuments(owner);
    }

    /**
     * Uploads an inspected file as a new pending document, if every rule of {@link UploadRules#ALL} allows it.
     * Emits {@code DocumentUploaded}.
     */
    public Result<Change> upload(DocumentId id, DocumentType type, InspectedFile file, Instant at) {
        if (document(id).isPresent()) {
            throw new IllegalArgumentException("document id " + id + " is already taken");
        }
        var attempt = new UploadAttempt(owner, type, file, pendingCount(),
                Optional.ofNullable(fingerprints.get(file.fingerprint())), limits);
        Optional<DocumentError> refusal = UploadRules.check(attempt);
        if (refusal.isPresent()) {
            return Result.refused(refusal.get());
        }
        Document created = Document.pending(id, owner.id(), type, at);
        var nextDocuments = new ArrayList<>(documents);
        nextDocuments.add(created);
        var nextFingerprints = new HashMap<>(fingerprints);
        nextFingerprints.put(file.fingerprint(), id);
        var next = new OwnerDocuments(owner, List.copyOf(nextDocuments), Map.copyOf(nextFingerprints), limits);
        return Result.ok(new Change(next, Optional.of(created),
                List.of(new DocumentEvent.DocumentUploaded(id, owner.id(), type, at))));
    }

    /**
     * Reviews a pending document: it becomes reviewed (accepted, or rejected with reasons) and the owner moves as
     * {@link ReviewEffects} says. Emits {@code DocumentApproved} or {@code DocumentFailed}, then
     * {@code OwnerStatusChanged} if the owner moved. A reviewed document is refused with
     * {@code invalidResourceState}; an unknown one with {@code notFound}.
     */
    public Result<Change> review(DocumentId id, ReviewDecision decision, Instant at) {
        Optional<Document> current = document(id);
        if (current.isEmpty()) {
            return Result.refused(DocumentError.of(ErrorCode.NOT_FOUND, "Document not found."));
        }
        return current.get().review(decision).map(reviewed -> {
            var events = new ArrayList<DocumentEvent>();
            events.add(decision instanceof ReviewDecision.Reject reject
                    ? new DocumentEvent.DocumentFailed(id, owner.id(), reject.reasons(), at)
                    : new DocumentEvent.DocumentApproved(id, owner.id(), at));
            Owner nextOwner = owner;
            Optional<OwnerStatus> moved = ReviewEffects.nextStatus(owner, decision);
            if (moved.isPresent()) {
                nextOwner = owner.withStatus(moved.get());
                events.add(new DocumentEvent.OwnerStatusChanged(owner.id(), owner.status(), moved.get(), at));
            }
            var nextDocuments = documents.stream().map(d -> d.id().equals(id) ? reviewed : d).toList();
            return new Change(new OwnerDocuments(nextOwner, nextDocuments, fingerprints, limits),
                    Optional.of(reviewed), events);
        });
    }

    /**
     * Moves the owner to another status, as Dwolla's staff or its other verification steps would (the sandbox
     * uses it). Emits {@code OwnerStatusChanged}; moving to the current status changes nothing.
     */
    public Change moveOwner(OwnerStatus to, Instant at) {
        if (owner.status().equals(to)) {
            return new Change(this, Optional.empty(), List.of());
        }
        Owner moved = owner.withStatus(to);
        return new Change(new OwnerDocuments(moved, documents, fingerprints, limits), Optional.empty(),
                List.of(new DocumentEvent.OwnerStatusChanged(owner.id(), owner.status(), to, at)));
    }
}
