package io.docverify.adapter.inmemory;

import static io.docverify.adapter.inmemory.Stages.await;
import static io.docverify.adapter.inmemory.Stages.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The caps of a sandbox that runs for weeks: maxOwners and maxDocuments, at small sizes. */
class CapacityTest {
    private final InMemoryDwolla dwolla = new InMemoryDwolla(InMemoryConfig.DEFAULTS.withMaxOwners(3)
            .withMaxDocuments(4), DocumentEventPublisher.NONE, DocumentIdSource.RANDOM);

    @AfterEach
    void close() {
        dwolla.close();
    }

    private CustomerId customer() {
        return await(dwolla.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT))).id();
    }

    private DocumentSubmission upload(OwnerId owner, int size) {
        return DocumentSubmission.of(owner, DocumentType.PASSPORT, TestFiles.upload("id.png", TestFiles.png(size)));
    }

    @Test
    void theOwnerBeyondTheCapIsRefusedAsDwollaRefusesItsResourceLimitsAndNothingIsStored() {
        CustomerId first = customer();
        customer();
        await(dwolla.createBeneficialOwner(NewBeneficialOwner.inStatus(BeneficialOwnerStatus.DOCUMENT)));

        DocumentException customer = refusal(dwolla.createCustomer(
                NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT)));
        DocumentException owner = refusal(dwolla.createBeneficialOwner(
                NewBeneficialOwner.inStatus(BeneficialOwnerStatus.DOCUMENT)));

        for (DocumentException refused : List.of(customer, owner)) {
            assertThat(refused.error().code()).isEqualTo(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES);
            assertThat(refused.error().wireCode()).isEqualTo("MaxNumberOfResources");
            assertThat(refused.error().message()).contains("owners").contains("3");
        }
        assertThat(dwolla.owners()).hasSize(3);
        // The owners already there still work.
        assertThat(await(dwolla.create(upload(first, 2000))).owner()).contains(first);
        assertThat(await(dwolla.list(first)).documents()).hasSize(1);
    }

    @Test
    void aRefusedDuplicateIdGivesItsPlaceBack() {
        CustomerId id = new CustomerId("0b6bd2e4-3a4a-4f6a-9f7e-0d1c2b3a4f50");
        var request = new NewCustomer(Optional.of(id), CustomerType.PERSONAL, "Jane", "Doe", Optional.empty(),
                Optional.of(CustomerStatus.DOCUMENT));
        await(dwolla.createCustomer(request));
        for (int i = 0; i < 3; i++) {
            assertThat(refusal(dwolla.createCustomer(request)).error().code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        }
        customer();
        customer();
        assertThat(dwolla.owners()).hasSize(3);
    }

    @Test
    void theDocumentBeyondTheCapIsRefusedAndARefusedUploadTakesNoPlace() {
        CustomerId a = customer();
        CustomerId b = customer();
        byte[] same = TestFiles.png(3000);
        await(dwolla.create(DocumentSubmission.of(a, DocumentType.PASSPORT, TestFiles.upload("id.png", same))));
        // A duplicate is refused by its own rule and must not use up a place.
        assertThat(refusal(dwolla.create(DocumentSubmission.of(a, DocumentType.PASSPORT,
                TestFiles.upload("id.png", same)))).error().code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
        await(dwolla.create(upload(a, 3001)));
        await(dwolla.create(upload(b, 3002)));
        var fourth = await(dwolla.create(upload(b, 3003)));

        DocumentException fifth = refusal(dwolla.create(upload(b, 3004)));

        assertThat(fifth.error().code()).isEqualTo(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES);
        assertThat(fifth.error().wireCode()).isEqualTo("MaxNumberOfResources");
        assertThat(fifth.error().message()).contains("documents").contains("4");
        assertThat(dwolla.owners().stream().mapToInt(o -> o.documents().size()).sum()).isEqualTo(4);
        // Reviews and reads still work at the cap.
        await(dwolla.reviewDocument(fourth.id(), ReviewDecision.accept()));
        assertThat(await(dwolla.get(fourth.id())).isPending()).isFalse();
        assertThat(await(dwolla.list(b)).documents()).hasSize(2);
    }

    @Test
    void concurrentCreatesNeverPassTheCap() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                all.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        customer();
                        return true;
                    } catch (DocumentException refused) {
                        return false;
                    }
                }, pool));
            }
            long created = all.stream().filter(CompletableFuture::join).count();
            assertThat(created).isEqualTo(3);
            assertThat(dwolla.owners()).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resetFreesThePlaces() {
        customer();
        customer();
        customer();
        dwolla.reset();
        customer();
        customer();
        assertThat(customer()).isNotNull();
        assertThat(dwolla.owners()).hasSize(3);
    }

    @Test
    void capsMustBePositive() {
        assertThatThrownBy(() -> InMemoryConfig.DEFAULTS.withMaxOwners(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InMemoryConfig.DEFAULTS.withMaxDocuments(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(InMemoryConfig.DEFAULTS.maxOwners()).isEqualTo(250_000);
        assertThat(InMemoryConfig.DEFAULTS.maxDocuments()).isEqualTo(1_000_000);
    }
}
