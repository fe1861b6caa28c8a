package io.docverify.ports.out;

import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.OwnerStatus;
import io.docverify.domain.review.ReviewDecision;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A change of a document or an owner as the {@link Journal} records it: a review decision (with its reasons), or an
 * owner's new status, with where docverify learned of it.
 */
public sealed interface DocumentChange permits DocumentChange.Reviewed, DocumentChange.OwnerStatusChanged {
    /** Where docverify learned of a change. */
    enum Source {
        /** A webhook delivery of the provider. */
        WEBHOOK,
        /** Reconciliation: reading the provider's event feed back after a gap. */
        RECONCILIATION,
        /** Polling the provider for a watched document. */
        POLL,
        /** The sandbox's control API. */
        SANDBOX
    }

    /** The owner the change concerns. */
    OwnerId owner();

    /** The document it concerns, if it concerns one. */
    Optional<DocumentId> document();

    /** Where docverify learned of it. */
    Source source();

    /** The provider's event id, when the change came with one (webhook, reconciliation). */
    Optional<String> providerEventId();

    /** When the change happened (or was learned of, when the provider does not say). */
    Instant at();

    /** A document was reviewed. */
    record Reviewed(DocumentId documentId, OwnerId owner, ReviewDecision decision, Source source,
            Optional<String> providerEventId, Instant at) implements DocumentChange {
        public Reviewed {
            Objects.requireNonNull(documentId, "documentId");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(providerEventId, "providerEventId");
            providerEventId.ifPresent(id -> StoreValues.name(id, "providerEventId"));
            Objects.requireNonNull(at, "at");
        }

        @Override
        public Optional<DocumentId> document() {
            return Optional.of(documentId);
        }
    }

    /** An owner's verification status is now {@code status} (a customer's or a beneficial owner's, as the owner is). */
    record OwnerStatusChanged(OwnerId owner, OwnerStatus status, Source source, Optional<String> providerEventId,
            Instant at) implements DocumentChange {
        public OwnerStatusChanged {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(status, "status");
            if ((owner instanceof CustomerId) != (status instanceof CustomerStatus)) {
                throw new IllegalArgumentException("a " + owner.kind() + " cannot have the status " + status.wire());
            }
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(providerEventId, "providerEventId");
            providerEventId.ifPresent(id -> StoreValues.name(id, "providerEventId"));
            Objects.requireNonNull(at, "at");
        }

        @Override
        public Optional<DocumentId> document() {
            return Optional.empty();
        }
    }
}
