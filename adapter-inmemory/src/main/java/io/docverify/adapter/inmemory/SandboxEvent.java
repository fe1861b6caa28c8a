package io.docverify.adapter.inmemory;

import io.docverify.domain.CustomerId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.ports.out.ProviderEvent;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One of the sandbox's event resources, as Dwolla keeps them ({@code GET /events/{id}}, the body of a webhook): a
 * random id, when it was created, Dwolla's topic and {@code resourceId}, the owner it concerns and the domain event
 * it was raised for.
 *
 * @param id         a random UUID, unique: the key a receiver dedupes on
 * @param created    when the event was created (the domain event's time)
 * @param topic      Dwolla's topic, e.g. {@code customer_verification_document_approved}
 * @param resourceId the document for document topics, the customer or beneficial owner for status topics
 * @param owner      the customer or beneficial owner the event concerns
 * @param event      the domain event
 */
public record SandboxEvent(String id, Instant created, String topic, String resourceId, OwnerId owner,
        DocumentEvent event) {
    public SandboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(event, "event");
    }

    /** The event for a domain event, with a new random id. */
    public static SandboxEvent of(DocumentEvent event) {
        Objects.requireNonNull(event, "event");
        return new SandboxEvent(java.util.UUID.randomUUID().toString(), event.occurredAt(), event.topic(),
                event.resourceId(), event.owner(), event);
    }

    /** True for the topics whose resource is a document ({@code ..._document_uploaded/_approved/_failed}). */
    public boolean concernsDocument() {
        return !(event instanceof DocumentEvent.OwnerStatusChanged);
    }

    /**
     * The path of {@code _links.resource}: {@code /documents/{id}} for document topics, {@code /customers/{id}} or
     * {@code /beneficial-owners/{id}} for status topics.
     */
    public String resourcePath() {
        return concernsDocument() ? "/documents/" + resourceId : ownerPath(owner);
    }

    /** The path of {@code _links.customer}: the customer, when the owner is one (a beneficial owner names none). */
    public Optional<String> customerPath() {
        return owner instanceof CustomerId ? Optional.of(ownerPath(owner)) : Optional.empty();
    }

    /** As a provider event; its links are under {@code baseUrl} when given, absent otherwise. */
    public ProviderEvent toProviderEvent(Optional<URI> baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        return new ProviderEvent(id, created, topic, resourceId,
                baseUrl.map(base -> URI.create(base + resourcePath())),
                baseUrl.flatMap(base -> customerPath().map(path -> URI.create(base + path))));
    }

    /** {@code /customers/{id}} or {@code /beneficial-owners/{id}}. */
    static String ownerPath(OwnerId owner) {
        return (owner instanceof CustomerId ? "/customers/" : "/beneficial-owners/") + owner.value();
    }
}
