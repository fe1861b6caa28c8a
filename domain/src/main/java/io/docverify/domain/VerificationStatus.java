package io.docverify.domain;

/** Dwolla's {@code documentVerificationStatus}: the outcome of the review. */
public enum VerificationStatus {
    PENDING("pending"),
    ACCEPTED("accepted"),
    REJECTED("rejected");

    private final String wire;

    VerificationStatus(String wire) {
        this.wire = wire;
    }

    /** Dwolla's spelling. */
    public String wire() {
        return wire;
    }
}
