package io.docverify.ports.sandbox;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.owner.BeneficialOwner;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.Owner;
import io.docverify.domain.owner.OwnerStatus;
import io.docverify.domain.review.ReviewDecision;
import java.util.concurrent.CompletionStage;

/**
 * Controls of a sandbox, like Dwolla's: seed owners in a chosen status and play the reviewer. Only an offline
 * backend offers them (the real Dwolla reviews documents itself); failures carry Dwolla's codes.
 */
public interface SandboxUseCase {
    /** Creates a customer; fails with {@code ValidationError} if the requested id is taken. */
    CompletionStage<Customer> createCustomer(NewCustomer customer);

    /** Creates a beneficial owner. */
    CompletionStage<BeneficialOwner> createBeneficialOwner(NewBeneficialOwner beneficialOwner);

    /** The owner as it is now (its status moves with reviews); fails with {@code notFound}. */
    CompletionStage<Owner> owner(OwnerId id);

    /**
     * Moves an owner to another status, as Dwolla's other verification steps would (e.g. a failed retry puts a
     * customer in {@code document}); fails with {@code notFound}, or {@code ValidationError} for a status of the
     * other owner kind.
     */
    CompletionStage<Owner> moveOwner(OwnerId id, OwnerStatus status);

    /**
     * Reviews a pending document: accept, or reject with reasons. Fails with {@code notFound}, or
     * {@code invalidResourceState} if the document was already reviewed.
     */
    CompletionStage<Document> reviewDocument(DocumentId id, ReviewDecision decision);
}
