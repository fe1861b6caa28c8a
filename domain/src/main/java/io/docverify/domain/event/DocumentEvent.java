package io.docverify.domain.event;

import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.OwnerStatus;
import io.docverify.domain.review.FailureReason;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A change in the model, named after the Dwolla webhook it corresponds to ({@link #topic()}), so adapters can
 * publish it as a webhook, on a stream or to a watcher. Every state change produces exactly one event.
 */
public sealed interface DocumentEvent permits DocumentEvent.DocumentUploaded, DocumentEvent.DocumentApproved,
        DocumentEvent.DocumentFailed, DocumentEvent.OwnerStatusChanged {

    /** The owner the event concerns. */
    OwnerId owner();

    /** When the change happened. */
    Instant occurredAt();

    /** Dwolla's webhook topic for this event. */
    String topic();

    /** Dwolla's {@code resourceId}: the document for document events, the owner for status changes. */
    String resourceId();

    /** A document was uploaded and awaits review. */
    record DocumentUploaded(DocumentId documentId, OwnerId owner, DocumentType type, Instant occurredAt)
            implements DocumentEvent {
        public DocumentUploaded {
            Objects.requireNonNull(documentId, "documentId");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(occurredAt, "occurredAt");
        }

        @Override
        public String topic() {
            return prefix(owner) + "verification_document_uploaded";
        }

        @Override
        public String resourceId() {
            return documentId.value();
        }
    }

    /** A document was reviewed and accepted. */
    record DocumentApproved(DocumentId documentId, OwnerId owner, Instant occurredAt) implements DocumentEvent {
        public DocumentApproved {
            Objects.requireNonNull(documentId, "documentId");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(occurredAt, "occurredAt");
        }

        @Override
        public String topic() {
            return prefix(owner) + "verification_document_approved";
        }

        @Override
        public String resourceId() {
            return documentId.value();
        }
    }

    /** A document was reviewed and rejected. */
    record DocumentFailed(DocumentId documentId, OwnerId owner, List<FailureReason> reasons,
            Instant occurredAt) implements DocumentEvent {
        public DocumentFailed {
            Objects.requireNonNull(documentId, "documentId");
            Objects.requireNonNull(owner, "owner");
            reasons = List.copyOf(reasons);
            Objects.requireNonNull(occurredAt, "occurredAt");
        }

        @Override
        public String topic() {
            return prefix(owner) + "verification_document_failed";
        }

        @Override
        public String resourceId() {
            return documentId.value();
        }
    }

    /** An owner's verification status changed, e.g. to verified after an accepted document. */
    record OwnerStatusChanged(OwnerId owner, OwnerStatus from, OwnerStatus to, Instant occurredAt)
            implements DocumentEvent {
        public OwnerStatusChanged {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(occurredAt, "occurredAt");
            if (from.equals(to)) {
                throw new IllegalArgumentException("A status change needs two different statuses, got " + from);
            }
        }

        @Override
        public String topic() {
            if (to instanceof CustomerStatus s) {
                return switch (s) {
                    case VERIFIED -> "customer_verified";
                    case RETRY -> "customer_reverification_needed";
                    case SUSPENDED -> "customer_suspended";
                    case DOCUMENT -> "customer_verification_document_needed";
                    case KBA -> "customer_kba_verification_needed";
                    case DEACTIVATED -> "customer_deactivated";
                    case UNVERIFIED -> "customer_created";
                };
            }
            return switch ((BeneficialOwnerStatus) to) {
                case VERIFIED -> "customer_beneficial_owner_verified";
                case DOCUMENT -> "customer_beneficial_owner_verification_document_needed";
                case INCOMPLETE -> "customer_beneficial_owner_reverification_needed";
            };
        }

        @Override
        public String resourceId() {
            return owner.value();
        }
    }

    private static String prefix(OwnerId owner) {
        return owner instanceof CustomerId ? "customer_" : "customer_beneficial_owner_";
    }
}
