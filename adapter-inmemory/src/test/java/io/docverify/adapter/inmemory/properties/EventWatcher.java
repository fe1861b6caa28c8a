package io.docverify.adapter.inmemory.properties;

import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.event.DocumentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A subscriber that rebuilds what it can from the event stream alone, as a watcher would, and checks it at every
 * event it sees: an owner never has more than four documents awaiting review (uploads minus reviews, counted
 * from the events), and no document is reviewed before it was uploaded. It keeps each document's history and
 * each owner's status changes in the order they arrived, for checks after the race.
 */
final class EventWatcher implements Consumer<DocumentEvent> {
    private final int maxPending;
    private final Map<OwnerId, AtomicInteger> pending = new ConcurrentHashMap<>();
    private final Map<DocumentId, List<DocumentEvent>> histories = new ConcurrentHashMap<>();
    private final Map<OwnerId, List<DocumentEvent.OwnerStatusChanged>> statusChanges =
            new ConcurrentHashMap<>();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();

    EventWatcher(int maxPending) {
        this.maxPending = maxPending;
    }

    @Override
    public void accept(DocumentEvent event) {
        if (event instanceof DocumentEvent.OwnerStatusChanged change) {
            List<DocumentEvent.OwnerStatusChanged> changes =
                    statusChanges.computeIfAbsent(change.owner(), o -> new ArrayList<>());
            synchronized (changes) {
                changes.add(change);
            }
            return;
        }
        var id = new DocumentId(event.resourceId());
        List<DocumentEvent> history = histories.computeIfAbsent(id, d -> new ArrayList<>());
        synchronized (history) {
            boolean uploaded = event instanceof DocumentEvent.DocumentUploaded;
            if (uploaded != history.isEmpty()) {
                violations.add("document " + id + " got " + event + " after " + history);
            }
            history.add(event);
        }
        AtomicInteger count = pending.computeIfAbsent(event.owner(), o -> new AtomicInteger());
        if (event instanceof DocumentEvent.DocumentUploaded) {
            int now = count.incrementAndGet();
            if (now > maxPending) {
                violations.add("the events show " + now + " pending documents for " + event.owner());
            }
        } else {
            int now = count.decrementAndGet();
            if (now < 0) {
                violations.add("the events show a review before its upload for " + event.owner() + ": " + event);
            }
        }
    }

    /** Documents awaiting review for {@code owner}, counted from the events. */
    int pendingFromEvents(OwnerId owner) {
        AtomicInteger count = pending.get(owner);
        return count == null ? 0 : count.get();
    }

    /** The events of one document, in the order they arrived. */
    List<DocumentEvent> history(DocumentId id) {
        List<DocumentEvent> history = histories.getOrDefault(id, List.of());
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Every document an event named. */
    Set<DocumentId> documents() {
        return histories.keySet();
    }

    /** The status changes of one owner, in the order they arrived. */
    List<DocumentEvent.OwnerStatusChanged> statusChanges(OwnerId owner) {
        List<DocumentEvent.OwnerStatusChanged> changes = statusChanges.getOrDefault(owner, List.of());
        synchronized (changes) {
            return List.copyOf(changes);
        }
    }

    /** What went wrong while the events arrived. */
    List<String> violations() {
        return List.copyOf(violations);
    }
}
