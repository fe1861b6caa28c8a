package io.docverify.domain.owner;

import java.util.Optional;

/** Dwolla's beneficial-owner {@code verificationStatus}. Only {@link #DOCUMENT} allows uploads. */
public enum BeneficialOwnerStatus implements OwnerStatus {
    INCOMPLETE("incomplete"),
    DOCUMENT("document"),
    VERIFIED("verified");

    private final String wire;

    BeneficialOwnerStatus(String wire) {
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
    public static Optional<BeneficialOwnerStatus> fromWire(String wire) {
        for (BeneficialOwnerStatus s : values()) {
            if (s.wire.equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
