package io.docverify.adapter.inmemory;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.contract.DocumentProviderContract;
import io.docverify.ports.contract.ProviderFixture;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import java.time.Duration;

/** The shared provider behaviour, run against the in-memory stand-in directly. */
class InMemoryDwollaContractTest extends DocumentProviderContract {

    @Override
    protected ProviderFixture newFixture() {
        var dwolla = new InMemoryDwolla(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO),
                DocumentEventPublisher.NONE, DocumentIdSource.RANDOM);
        return new ProviderFixture() {
            @Override
            public DocumentProvider provider() {
                return dwolla;
            }

            @Override
            public CustomerId customer(CustomerType type, CustomerStatus status) {
                return await(dwolla.createCustomer(NewCustomer.inStatus(type, status))).id();
            }

            @Override
            public BeneficialOwnerId beneficialOwner(BeneficialOwnerStatus status) {
                return await(dwolla.createBeneficialOwner(NewBeneficialOwner.inStatus(status))).id();
            }

            @Override
            public void review(DocumentId id, ReviewDecision decision) {
                await(dwolla.reviewDocument(id, decision));
            }

            @Override
            public void close() {
                dwolla.close();
            }
        };
    }
}
