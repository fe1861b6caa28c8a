package io.docverify.domain.owner;

import io.docverify.domain.OwnerId;

/**
 * A document owner with what the upload rules need to know of it: a {@link Customer} or a
 * {@link BeneficialOwner}.
 */
public sealed interface Owner permits Customer, BeneficialOwner {
    /** The owner's id. */
    OwnerId id();

    /** The owner's verification status. */
    OwnerStatus status();

    /** True if the owner may upload business documents (PDF allowed for type {@code other}). */
    boolean isBusiness();

    /** True if Dwolla accepts documents for this owner now (verified type, {@code document} status). */
    boolean awaitsDocuments();

    /** The same owner in another status. Only a status of the owner's own kind is accepted. */
    Owner withStatus(OwnerStatus next);
}
