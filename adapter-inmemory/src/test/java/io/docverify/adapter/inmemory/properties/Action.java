package io.docverify.adapter.inmemory.properties;

import java.util.List;

/**
 * What a scenario can do, in words a shrunk counterexample can be read in: upload a file for an owner, review
 * the document an owner made from a file, move an owner to a status. Plain data: the model
 * ({@link DwollaModel}) says what should happen, the harness ({@link Harness}) makes it happen.
 */
sealed interface Action permits Action.Upload, Action.Review, Action.Move {

    /** {@code POST /customers|beneficial-owners/{id}/documents} with a document type and a file. */
    record Upload(OwnerRef owner, String type, TestFile file) implements Action {
        @Override
        public String toString() {
            return "upload(" + owner + ", " + type + ", " + file + ")";
        }
    }

    /** The sandbox reviewer decides on the document {@code owner} made from {@code file}. */
    record Review(OwnerRef owner, TestFile file, Decision decision) implements Action {
        @Override
        public String toString() {
            return "review(" + file + " of " + owner + ", " + decision + ")";
        }
    }

    /** The sandbox moves an owner to a status (of a customer or of a beneficial owner). */
    record Move(OwnerRef owner, Status status) implements Action {
        @Override
        public String toString() {
            return "move(" + owner + " to " + status + ")";
        }
    }

    /** Accept (no reasons), or reject with reason codes in order, the first being the primary one. */
    record Decision(List<String> rejectReasons) {
        public Decision {
            rejectReasons = List.copyOf(rejectReasons);
        }

        static Decision accept() {
            return new Decision(List.of());
        }

        boolean accepts() {
            return rejectReasons.isEmpty();
        }

        @Override
        public String toString() {
            return accepts() ? "accept" : "reject " + String.join("+", rejectReasons);
        }
    }

    /** A status as Dwolla spells it, of a customer or of a beneficial owner. */
    record Status(boolean ofCustomer, String wire) {
        @Override
        public String toString() {
            return ofCustomer ? wire : "beneficial-owner status " + wire;
        }
    }
}
