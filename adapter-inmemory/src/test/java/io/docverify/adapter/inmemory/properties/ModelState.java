package io.docverify.adapter.inmemory.properties;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a scenario's world looks like, in the test's own words: each owner's status, each document (named by
 * its owner and file), what each step answered, and which events were published (as a sorted multiset, since
 * nobody promises an order between owners). Immutable, with value equality, as QuickTheories' {@code Sequential}
 * and {@code Parallel} compare states with {@code equals}.
 *
 * @param owners    the wire status of every owner that exists
 * @param documents every document, by owner and file
 * @param outcomes  per step index: {@code ok} or the Dwolla error code the step was refused with
 * @param events    every published event, described, sorted
 */
record ModelState(Map<OwnerRef, String> owners, Map<DocRef, Doc> documents, Map<Integer, String> outcomes,
        List<String> events) {

    /** Outcome of a step that was carried out. */
    static final String OK = "ok";

    ModelState {
        owners = Collections.unmodifiableSortedMap(new TreeMap<>(owners));
        documents = Collections.unmodifiableSortedMap(new TreeMap<>(documents));
        outcomes = Collections.unmodifiableSortedMap(new TreeMap<>(outcomes));
        events = events.stream().sorted().toList();
    }

    /** The scenario's start: every owner in its initial status, nothing uploaded. */
    static ModelState initial() {
        var owners = new TreeMap<OwnerRef, String>();
        for (OwnerRef owner : OwnerRef.values()) {
            if (owner.exists()) {
                owners.put(owner, owner.initialStatus());
            }
        }
        return new ModelState(owners, Map.of(), Map.of(), List.of());
    }

    /** A document, by whom it belongs to and which file it was made from. */
    record DocRef(OwnerRef owner, TestFile file) implements Comparable<DocRef> {
        @Override
        public int compareTo(DocRef other) {
            int byOwner = owner.compareTo(other.owner);
            return byOwner != 0 ? byOwner : file.compareTo(other.file);
        }

        @Override
        public String toString() {
            return file + " of " + owner;
        }
    }

    /**
     * A document's visible state: its type, {@code pending | accepted | rejected}, and when rejected the reason
     * codes in order (the first is the primary {@code failureReason}).
     */
    record Doc(String type, String verification, List<String> reasons) {
        static final String PENDING = "pending";
        static final String ACCEPTED = "accepted";
        static final String REJECTED = "rejected";

        Doc {
            reasons = List.copyOf(reasons);
        }

        static Doc pending(String type) {
            return new Doc(type, PENDING, List.of());
        }

        boolean isPending() {
            return PENDING.equals(verification);
        }

        @Override
        public String toString() {
            return type + " " + verification + (reasons.isEmpty() ? "" : " " + reasons);
        }
    }

    /** A copy to change, for the model's rules. */
    Draft draft(int step) {
        return new Draft(step, new TreeMap<>(owners), new TreeMap<>(documents), new TreeMap<>(outcomes),
                new ArrayList<>(events));
    }

    /** A mutable copy used while one step is applied. */
    record Draft(int step, TreeMap<OwnerRef, String> owners, TreeMap<DocRef, Doc> documents,
            TreeMap<Integer, String> outcomes, List<String> events) {

        /** Ends the step with the given outcome. */
        ModelState answer(String outcome) {
            outcomes.put(step, outcome);
            return new ModelState(owners, documents, outcomes, events);
        }

        long pendingOf(OwnerRef owner) {
            return documents.entrySet().stream()
                    .filter(e -> e.getKey().owner() == owner && e.getValue().isPending())
                    .count();
        }
    }

    @Override
    public String toString() {
        return "\n  owners    " + owners
                + "\n  documents " + documents.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ", "{", "}"))
                + "\n  outcomes  " + outcomes
                + "\n  events    " + events;
    }
}
