package io.docverify.domain.owner;

/** The verification status of a document owner: a {@link CustomerStatus} or a {@link BeneficialOwnerStatus}. */
public sealed interface OwnerStatus permits CustomerStatus, BeneficialOwnerStatus {
    /** Dwolla's spelling. */
    String wire();

    /** True for the one status in which Dwolla accepts document uploads. */
    boolean awaitsDocuments();
}
