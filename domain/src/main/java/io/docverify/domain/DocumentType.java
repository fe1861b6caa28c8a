package io.docverify.domain;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;

/**
 * Dwolla's {@code documentType}: an identity document of a person ({@code passport}, {@code license},
 * {@code idCard}) or a business document ({@code other}).
 */
public enum DocumentType {
    PASSPORT("passport"),
    LICENSE("license"),
    ID_CARD("idCard"),
    /** A business document (EIN letter, formation document, ...); the only type that may be a PDF. */
    OTHER("other");

    private final String wire;

    DocumentType(String wire) {
        this.wire = wire;
    }

    /** The type as Dwolla spells it. */
    public String wire() {
        return wire;
    }

    /**
     * The type for Dwolla's spelling (exact, as Dwolla's enum is case-sensitive).
     *
     * @throws io.docverify.domain.error.DocumentException a {@code ValidationError} on {@code /documentType}
     */
    public static DocumentType fromWire(String wire) {
        if (wire == null || wire.isEmpty()) {
            throw DocumentError.validation(FieldError.REQUIRED, "/documentType", "DocumentType required.")
                    .toException();
        }
        for (DocumentType type : values()) {
            if (type.wire.equals(wire)) {
                return type;
            }
        }
        throw DocumentError.validation(FieldError.INVALID, "/documentType",
                "DocumentType must be one of passport, license, idCard, other.").toException();
    }
}
