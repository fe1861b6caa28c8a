package io.docverify.adapter.inmemory.properties;

import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentStatus;
import io.docverify.domain.VerificationStatus;
import io.docverify.domain.event.DocumentEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The invariants of the document model, checked on what the in-memory Dwolla shows, independently of the
 * model's predictions:
 * <ul>
 *   <li>ids are unique, every listed document belongs to the owner that lists it, and {@code get} agrees;
 *   <li>{@code status} is {@code reviewed} exactly when the verification is not {@code pending}; failure
 *       reasons exist exactly when the document is rejected;
 *   <li>at most four documents per owner await review;
 *   <li>between two snapshots: no document disappears, a reviewed document never changes, every change has its
 *       event and every event a change (a document's events are a legal path pending to reviewed, an owner's
 *       status events chain from its old status to its new one);
 *   <li>a refused command changes nothing and publishes nothing.
 * </ul>
 */
final class Invariants {
    static final int MAX_PENDING = 4;

    private Invariants() {
    }

    /** The invariants that hold in any single snapshot. */
    static void checkSnapshot(Snapshot snapshot, InMemoryDwolla dwolla) {
        var seen = new HashSet<DocumentId>();
        snapshot.owners().forEach((ref, view) -> {
            long pending = 0;
            for (Document d : view.documents()) {
                require(seen.add(d.id()), "document id " + d.id() + " is listed twice");
                require(d.owner().equals(java.util.Optional.of(ref.id())), d + " is listed by " + ref);
                checkFields(d);
                Document byId = Snapshot.orNotFound(dwolla.get(d.id()))
                        .orElseThrow(() -> new AssertionError(d.id() + " is listed but not found"));
                require(byId.equals(d), "get(" + d.id() + ") = " + byId + " but the list shows " + d);
                pending += d.isPending() ? 1 : 0;
            }
            require(pending <= MAX_PENDING, ref + " has " + pending + " pending documents");
        });
    }

    /** A document's Dwolla fields agree with each other. */
    static void checkFields(Document d) {
        boolean reviewed = d.verificationStatus() != VerificationStatus.PENDING;
        boolean rejected = d.verificationStatus() == VerificationStatus.REJECTED;
        require(reviewed == (d.status() == DocumentStatus.REVIEWED), d + ": status and verification disagree");
        require(reviewed == !d.isPending(), d + ": isPending and verification disagree");
        require(rejected == d.failureReason().isPresent(), d + ": a failureReason exactly when rejected");
        require(rejected == !d.allFailureReasons().isEmpty(), d + ": allFailureReasons exactly when rejected");
        d.failureReason().ifPresent(primary -> require(d.allFailureReasons().contains(primary),
                d + ": the primary failureReason is not among allFailureReasons"));
    }

    /**
     * The invariants between two snapshots, given the events published in between and how many commands ran
     * (the refusal rule applies when exactly one ran).
     */
    static void checkTransition(Snapshot before, Snapshot after, List<DocumentEvent> events, int commands,
            boolean lastRefused) {
        Map<DocumentId, Document> old = before.documentsById();
        Map<DocumentId, Document> now = after.documentsById();
        if (commands == 1 && lastRefused) {
            require(events.isEmpty(), "a refused command published " + events);
            require(before.equals(after), "a refused command changed the state from " + before + " to " + after);
        }
        old.forEach((id, d) -> {
            require(now.containsKey(id), "document " + id + " disappeared");
            if (!d.isPending()) {
                require(now.get(id).equals(d), "reviewed " + d + " changed to " + now.get(id));
            }
        });
        for (DocumentEvent e : events) {
            if (e instanceof DocumentEvent.OwnerStatusChanged) {
                require(after.owners().keySet().stream().anyMatch(r -> r.id().equals(e.owner())),
                        "event " + e + " is about an unknown owner");
            } else {
                require(now.containsKey(new DocumentId(e.resourceId())), "event " + e + " is about no document");
            }
        }
        now.forEach((id, d) -> checkDocumentPath(old.get(id), d, eventsOf(id, events)));
        after.owners().forEach((ref, view) -> {
            var previous = before.owners().get(ref);
            String from = previous == null ? view.status() : previous.status();
            String status = from;
            for (DocumentEvent e : events) {
                if (e instanceof DocumentEvent.OwnerStatusChanged change && change.owner().equals(ref.id())) {
                    require(change.from().wire().equals(status), ref + ": event " + change + " does not start at "
                            + status);
                    status = change.to().wire();
                }
            }
            require(status.equals(view.status()), ref + " went from " + from + " to " + view.status()
                    + " but its events lead to " + status);
        });
    }

    private static List<DocumentEvent> eventsOf(DocumentId id, List<DocumentEvent> events) {
        var mine = new ArrayList<DocumentEvent>();
        for (DocumentEvent e : events) {
            if (!(e instanceof DocumentEvent.OwnerStatusChanged) && e.resourceId().equals(id.value())) {
                mine.add(e);
            }
        }
        return mine;
    }

    /** absent -> pending is one upload event; pending -> reviewed one review event; absent -> reviewed both. */
    private static void checkDocumentPath(Document before, Document after, List<DocumentEvent> events) {
        var expected = new ArrayList<String>();
        if (before == null) {
            expected.add("uploaded");
        }
        if ((before == null || before.isPending()) && !after.isPending()) {
            expected.add(after.verificationStatus() == VerificationStatus.ACCEPTED ? "approved" : "failed");
        }
        var actual = new ArrayList<String>();
        for (DocumentEvent e : events) {
            require(e.owner().equals(after.owner().orElseThrow()), e + " names another owner than " + after);
            if (e instanceof DocumentEvent.DocumentUploaded up) {
                require(up.type() == after.type(), e + " has another type than " + after);
                actual.add("uploaded");
            } else if (e instanceof DocumentEvent.DocumentApproved) {
                actual.add("approved");
            } else if (e instanceof DocumentEvent.DocumentFailed failed) {
                require(failed.reasons().equals(after.allFailureReasons()),
                        e + " has other reasons than " + after);
                actual.add("failed");
            }
        }
        require(actual.equals(expected), "document " + after.id() + " went from "
                + (before == null ? "nothing" : before.state()) + " to " + after.state() + " with events " + actual
                + ", expected " + expected);
    }

    static void require(boolean condition, String violation) {
        if (!condition) {
            throw new AssertionError(Objects.requireNonNull(violation));
        }
    }
}
