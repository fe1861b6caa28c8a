package io.docverify.ports.out;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One of the provider's event resources, as Dwolla shapes it ({@code GET /events/{id}} and the body of a webhook):
 * what happened ({@link #topic()}) to which resource, and when. An event is a hint, never the state: a receiver
 * reads the resource it points to and applies what it reads.
 *
 * @param id         the event's id, unique: the key a receiver dedupes on
 * @param created    when the provider created the event
 * @param topic      Dwolla's topic, e.g. {@code customer_verification_document_approved}
 * @param resourceId the document for document topics, the customer or beneficial owner for status topics
 * @param resource   {@code _links.resource.href}, when the event carries it
 * @param customer   {@code _links.customer.href}, when the event carries it
 */
public record ProviderEvent(String id, Instant created, String topic, String resourceId, Optional<URI> resource,
        Optional<URI> customer) {
    public ProviderEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(customer, "customer");
        if (id.isBlank() || topic.isBlank() || resourceId.isBlank()) {
            throw new IllegalArgumentException("an event needs an id, a topic and a resource id");
        }
    }

    /** True for the topics whose resource is a document ({@code ..._document_uploaded/_approved/_failed}). */
    public boolean concernsDocument() {
        return topic.endsWith("_document_uploaded") || topic.endsWith("_document_approved")
                || topic.endsWith("_document_failed");
    }
}
