package io.docverify.domain.owner;

import java.util.Optional;

/** Dwolla's customer statuses. Only {@link #DOCUMENT} allows uploads. */
public enum CustomerStatus implements OwnerStatus {
    UNVERIFIED("unverified"),
    RETRY("retry"),
    KBA("kba"),
    DOCUMENT("document"),
    VERIFIED("verified"),
    SUSPENDED("suspended"),
    DEACTIVATED("deactivated");

    private final String wire;

    CustomerStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Override
    public boolean awaitsDocuments() {
        return this == DOCUMENT;
    }

    /** The status for Dwolla's spelling, if it is one. */
    public static Optional<CustomerStatus> fromWire(String wire) {
        for (CustomerStatus s : values()) {
            if (s.wire.equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
