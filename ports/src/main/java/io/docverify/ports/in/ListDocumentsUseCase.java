package io.docverify.ports.in;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.OwnerId;
import java.util.concurrent.CompletionStage;

/** List the documents of a customer or a beneficial owner, newest first. */
public interface ListDocumentsUseCase {
    /** The customer's documents; fails with {@code notFound} for an unknown customer. */
    default CompletionStage<DocumentList> listForCustomer(CustomerId customer) {
        return list(customer);
    }

    /** The beneficial owner's documents; fails with {@code notFound} for an unknown beneficial owner. */
    default CompletionStage<DocumentList> listForBeneficialOwner(BeneficialOwnerId beneficialOwner) {
        return list(beneficialOwner);
    }

    /** The owner's documents, whichever kind of owner it is. */
    CompletionStage<DocumentList> list(OwnerId owner);
}
