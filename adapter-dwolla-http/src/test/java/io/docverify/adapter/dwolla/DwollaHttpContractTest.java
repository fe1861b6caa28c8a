package io.docverify.adapter.dwolla;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.dwollaserver.ErrorStyle;
import io.docverify.ports.contract.DocumentProviderContract;
import io.docverify.ports.contract.ProviderFixture;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;

/**
 * The shared provider behaviour, run against the Dwolla adapter over HTTP, talking to the Dwolla-compatible test
 * server (backed by the in-memory adapter's rules), with every request and answer checked against Dwolla's
 * OpenAPI description.
 */
class DwollaHttpContractTest extends DocumentProviderContract {

    /** The shape of the server's upload refusals: the endpoint tables' top-level codes here. */
    protected ErrorStyle errorStyle() {
        return ErrorStyle.ENDPOINT_TABLE;
    }

    @Override
    protected ProviderFixture newFixture() {
        Harness harness = Harness.start();
        harness.server.errorStyle(errorStyle());
        return new ProviderFixture() {
            @Override
            public DocumentProvider provider() {
                return harness.provider;
            }

            @Override
            public CustomerId customer(CustomerType type, CustomerStatus status) {
                return await(harness.server.sandbox().createCustomer(NewCustomer.inStatus(type, status))).id();
            }

            @Override
            public BeneficialOwnerId beneficialOwner(BeneficialOwnerStatus status) {
                return await(harness.server.sandbox().createBeneficialOwner(NewBeneficialOwner.inStatus(status))).id();
            }

            @Override
            public void review(DocumentId id, ReviewDecision decision) {
                await(harness.server.sandbox().reviewDocument(id, decision));
            }

            @Override
            public void close() {
                harness.close();
            }
        };
    }
}
