package io.docverify.ports.out;

import io.docverify.domain.event.DocumentEvent;

/**
 * Where the domain's events go (an in-process bus, webhooks, a stream). {@link #publish} must not block and
 * must not throw: a failing subscriber is the publisher's problem, never the command's.
 */
@FunctionalInterface
public interface DocumentEventPublisher {
    /** A publisher that drops every event. */
    DocumentEventPublisher NONE = event -> { };

    /** Hands one event on. */
    void publish(DocumentEvent event);
}
