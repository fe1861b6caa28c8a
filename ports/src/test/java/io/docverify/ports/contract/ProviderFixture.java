package io.docverify.ports.contract;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.out.DocumentProvider;

/**
 * What the behaviour suite needs from an adapter under test: the provider, and the backend's controls (seed
 * owners, play the reviewer), which for a real-HTTP adapter go to the server the test started.
 */
public interface ProviderFixture extends AutoCloseable {
    /** The adapter under test. */
    DocumentProvider provider();

    /** A new customer, as the backend knows it. */
    CustomerId customer(CustomerType type, CustomerStatus status);

    /** A new beneficial owner, as the backend knows it. */
    BeneficialOwnerId beneficialOwner(BeneficialOwnerStatus status);

    /** The backend reviews a pending document. */
    void review(DocumentId id, ReviewDecision decision);

    @Override
    default void close() throws Exception {
    }
}
