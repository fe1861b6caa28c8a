package io.docverify.adapter.inmemory.properties;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.OwnerId;

/**
 * The owners every generated scenario starts with, named so that a shrunk counterexample reads as a story.
 * Each has a fixed id, so the model can talk about owners without asking the system under test.
 */
enum OwnerRef {
    /** A personal verified customer in {@code document} status. */
    PERSONAL("personal#1", OwnerKind.PERSONAL_CUSTOMER, "document"),
    /** A business verified customer in {@code document} status (PDF allowed for type {@code other}). */
    BUSINESS("business#2", OwnerKind.BUSINESS_CUSTOMER, "document"),
    /** A beneficial owner in {@code document} status. */
    BENEFICIAL_OWNER("beneficial-owner#3", OwnerKind.BENEFICIAL_OWNER, "document"),
    /** A receive-only customer: not a verified type, so it can never upload whatever its status. */
    RECEIVE_ONLY("receive-only#4", OwnerKind.RECEIVE_ONLY_CUSTOMER, "unverified"),
    /** A customer id that was never created. */
    GHOST("ghost#5", OwnerKind.PERSONAL_CUSTOMER, null);

    /** What kind of owner, as far as Dwolla's rules care. */
    enum OwnerKind {
        PERSONAL_CUSTOMER, BUSINESS_CUSTOMER, RECEIVE_ONLY_CUSTOMER, BENEFICIAL_OWNER;

        boolean isCustomer() {
            return this != BENEFICIAL_OWNER;
        }
    }

    private final String label;
    private final OwnerKind kind;
    private final String initialStatus;

    OwnerRef(String label, OwnerKind kind, String initialStatus) {
        this.label = label;
        this.kind = kind;
        this.initialStatus = initialStatus;
    }

    OwnerKind kind() {
        return kind;
    }

    /** The wire status it is created in, or null if it is never created. */
    String initialStatus() {
        return initialStatus;
    }

    boolean exists() {
        return initialStatus != null;
    }

    /** The id the system under test knows it by. */
    OwnerId id() {
        String value = label.replace('#', '-');
        return kind.isCustomer() ? new CustomerId(value) : new BeneficialOwnerId(value);
    }

    @Override
    public String toString() {
        return label;
    }
}
