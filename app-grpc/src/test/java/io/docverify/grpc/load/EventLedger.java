package io.docverify.grpc.load;

import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.review.FailureReason;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Listens to the in-memory backend's event bus for the whole run: counts each owner's pending documents after
 * every change (the bus publishes one owner's events one at a time, in the order of the owner's changes), records
 * every moment an owner had more than four, and keeps each document's event path as {@link Seen} states.
 */
final class EventLedger implements Consumer<DocumentEvent> {
    static final int MAX_PENDING = 4;

    private final Map<String, AtomicInteger> pendingByOwner = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Seen>> paths = new ConcurrentHashMap<>();
    private final Map<String, String> ownerOfDocument = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger peakPending = new AtomicInteger();

    @Override
    public void accept(DocumentEvent event) {
        String owner = event.owner().value();
        if (event instanceof DocumentEvent.DocumentUploaded u) {
            String id = u.documentId().value();
            if (ownerOfDocument.putIfAbsent(id, owner) != null) {
                violations.add("document " + id + " uploaded twice");
            }
            path(id).add(Seen.PENDING);
            int now = pendingByOwner.computeIfAbsent(owner, o -> new AtomicInteger()).incrementAndGet();
            peakPending.accumulateAndGet(now, Math::max);
            if (now > MAX_PENDING) {
                violations.add("owner " + owner + " had " + now + " pending documents");
            }
        } else if (event instanceof DocumentEvent.DocumentApproved a) {
            reviewed(owner, a.documentId().value(), Seen.accepted());
        } else if (event instanceof DocumentEvent.DocumentFailed f) {
            reviewed(owner, f.documentId().value(),
                    Seen.rejected(f.reasons().stream().map(FailureReason::reason).toList()));
        }
    }

    private void reviewed(String owner, String id, Seen state) {
        path(id).add(state);
        int now = pendingByOwner.computeIfAbsent(owner, o -> new AtomicInteger()).decrementAndGet();
        if (now < 0) {
            violations.add("owner " + owner + " reviewed more documents than it uploaded");
        }
    }

    private ConcurrentLinkedQueue<Seen> path(String id) {
        return paths.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>());
    }

    /** Every document the bus saw uploaded, with its owner. */
    Map<String, String> uploadedDocuments() {
        return Map.copyOf(ownerOfDocument);
    }

    /** The document's states in event order. */
    List<Seen> pathOf(String id) {
        var p = paths.get(id);
        return p == null ? List.of() : List.copyOf(p);
    }

    /** The most pending documents any owner had at once. */
    int peakPending() {
        return peakPending.get();
    }

    int pendingNow(String owner) {
        var count = pendingByOwner.get(owner);
        return count == null ? 0 : count.get();
    }
}
