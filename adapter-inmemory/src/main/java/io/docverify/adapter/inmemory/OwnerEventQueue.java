package io.docverify.adapter.inmemory;

import io.docverify.domain.event.DocumentEvent;
import io.docverify.ports.out.DocumentEventPublisher;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One owner's events, published in the order the owner's changes were made, without holding a lock while
 * listeners run.
 *
 * <p>Why: changes to an owner are atomic swaps, but if each thread published its own events after its swap,
 * two threads could publish in the opposite order of their swaps, and a watcher would see a document
 * {@code failed} before it was {@code uploaded}, or five pending documents where there never were more than four.
 *
 * <p>How: a change {@link #enqueue}s its events inside its swap, so the queue holds them in change order; after
 * the swap the changing thread calls {@link #drainTo}: if no other thread is publishing this owner's events it
 * publishes everything queued, otherwise it leaves its events to the thread that is publishing. So events of one
 * owner are published one at a time, in order, possibly by another thread shortly after the change returned. A
 * listener whose reaction changes the same owner (on the publishing thread) only enqueues; its events follow.
 * Different owners never wait for each other.
 */
final class OwnerEventQueue {
    private final ConcurrentLinkedQueue<DocumentEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean publishing = new AtomicBoolean();

    /** Queues a change's events; call inside the atomic swap that made the change. */
    void enqueue(List<DocumentEvent> events) {
        queue.addAll(events);
    }

    /** Publishes what is queued, unless another thread is already doing so (it will publish ours too). */
    void drainTo(DocumentEventPublisher publisher) {
        // Re-check after releasing: an event queued while we were finishing would otherwise wait for the next change.
        while (!queue.isEmpty() && publishing.compareAndSet(false, true)) {
            try {
                DocumentEvent next;
                while ((next = queue.poll()) != null) {
                    publisher.publish(next);
                }
            } finally {
                publishing.set(false);
            }
        }
    }
}
