package io.docverify.domain;

/** Dwolla's {@code status} of a document: waiting for review, or reviewed (accepted or rejected). */
public enum DocumentStatus {
    PENDING("pending"),
    REVIEWED("reviewed");

    private final String wire;

    DocumentStatus(String wire) {
        this.wire = wire;
    }

    /** Dwolla's spelling. */
    public String wire() {
        return wire;
    }
}
