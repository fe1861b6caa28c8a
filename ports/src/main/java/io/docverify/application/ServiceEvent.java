package io.docverify.application;

import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the {@link ServiceEventLog}: a document or owner event, as {@code WatchEvents} streams it.
 *
 * @param id         the entry's id, unique in the log: the in-process backend's ids are generated
 *                   ({@link ServiceEventLog}), Dwolla's are Dwolla's event ids; what a client resumes after
 * @param created    when the change happened (the domain event's time, or Dwolla's {@code created})
 * @param topic      Dwolla's topic, e.g. {@code customer_verification_document_approved}
 * @param resourceId Dwolla's {@code resourceId}: the document for document topics, the owner for status topics
 * @param owner      whose event it is; empty only when the provider's event does not say (Dwolla's events for a
 *                   beneficial owner's document name the business customer, not the owner)
 * @param documentId the document, for document topics
 */
public record ServiceEvent(String id, Instant created, String topic, String resourceId, Optional<OwnerId> owner,
        Optional<DocumentId> documentId) {
    public ServiceEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(documentId, "documentId");
    }
}
