package io.docverify.adapter.inmemory;

import static io.docverify.adapter.inmemory.Stages.await;
import static io.docverify.adapter.inmemory.Stages.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentType;
import io.docverify.domain.OwnerDocuments;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.sandbox.NewCustomer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link InMemoryDwolla#restore}: a new stand-in from another's owners answers and refuses as the first did. */
class RestoreTest {
    private static InMemoryDwolla dwolla(InMemoryConfig config) {
        return new InMemoryDwolla(config, DocumentEventPublisher.NONE, DocumentIdSource.RANDOM);
    }

    private static DocumentSubmission upload(CustomerId owner, byte[] file) {
        return DocumentSubmission.of(owner, DocumentType.PASSPORT, TestFiles.upload("id.png", file));
    }

    @Test
    void aRestoredSandboxServesTheSameDocumentsAndStillAppliesTheDuplicateAndPendingRules() {
        List<OwnerDocuments> stored;
        CustomerId busy;
        CustomerId reviewed;
        Document rejected;
        io.docverify.domain.owner.OwnerStatus reviewedStatus;
        byte[] first = TestFiles.png(1500);
        try (InMemoryDwolla before = dwolla(InMemoryConfig.DEFAULTS)) {
            busy = await(before.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT))).id();
            reviewed = await(before.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL,
                    CustomerStatus.DOCUMENT))).id();
            await(before.create(upload(busy, first)));
            for (int i = 1; i < 4; i++) {
                await(before.create(upload(busy, TestFiles.png(1500 + i))));
            }
            Document doc = await(before.create(upload(reviewed, first)));
            rejected = await(before.reviewDocument(doc.id(), ReviewDecision.reject(
                    KnownFailureReason.SCAN_NOT_READABLE)));
            reviewedStatus = await(before.owner(reviewed)).status();
            stored = before.owners();
        }

        try (InMemoryDwolla after = dwolla(InMemoryConfig.DEFAULTS)) {
            after.restore(stored);

            assertThat(await(after.get(rejected.id()))).isEqualTo(rejected);
            assertThat(await(after.list(busy)).documents()).hasSize(4);
            assertThat(await(after.owner(reviewed)).status()).isEqualTo(reviewedStatus);
            // The fifth pending and a duplicate are refused as before the restart.
            assertThat(refusal(after.create(upload(busy, TestFiles.png(1600)))).error().code())
                    .isEqualTo(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES);
            assertThat(refusal(after.create(upload(reviewed, first))).error().code())
                    .isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
            assertThat(after.owners()).hasSize(2);
        }
    }

    @Test
    void restoreNeedsAnEmptySandboxAndRespectsTheCaps() {
        List<OwnerDocuments> stored;
        try (InMemoryDwolla before = dwolla(InMemoryConfig.DEFAULTS)) {
            for (int i = 0; i < 3; i++) {
                await(before.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT)));
            }
            stored = before.owners();
        }
        try (InMemoryDwolla small = dwolla(InMemoryConfig.DEFAULTS.withMaxOwners(2))) {
            assertThatThrownBy(() -> small.restore(stored)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("3 owners");
            assertThat(small.owners()).isEmpty();
        }
        try (InMemoryDwolla exact = dwolla(InMemoryConfig.DEFAULTS.withMaxOwners(3))) {
            exact.restore(stored);
            assertThat(refusal(exact.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL,
                    CustomerStatus.DOCUMENT))).error().wireCode()).isEqualTo("MaxNumberOfResources");
            assertThatThrownBy(() -> exact.restore(stored)).isInstanceOf(IllegalStateException.class);
        }
    }
}
