package io.docverify.domain.owner;

/**
 * Dwolla's customer types. Only the verified types ({@link #PERSONAL}, {@link #BUSINESS}) go through identity
 * verification and may upload documents.
 */
public enum CustomerType {
    UNVERIFIED("unverified"),
    RECEIVE_ONLY("receive-only"),
    PERSONAL("personal"),
    BUSINESS("business");

    private final String wire;

    CustomerType(String wire) {
        this.wire = wire;
    }

    /** Dwolla's spelling. */
    public String wire() {
        return wire;
    }

    /** True for the verified customer types. */
    public boolean isVerifiedType() {
        return this == PERSONAL || this == BUSINESS;
    }
}
