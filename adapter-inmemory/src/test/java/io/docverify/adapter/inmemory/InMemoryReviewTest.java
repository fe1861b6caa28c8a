package io.docverify.adapter.inmemory;

import static io.docverify.adapter.inmemory.Stages.await;
import static io.docverify.adapter.inmemory.Stages.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.application.DocumentEventBus;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.VerificationStatus;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a review does to the owner, played through the adapter's sandbox controls. */
class InMemoryReviewTest {
    private final List<DocumentEvent> events = new CopyOnWriteArrayList<>();
    private final InMemoryDwolla dwolla;

    InMemoryReviewTest() {
        var bus = new DocumentEventBus();
        bus.subscribe(events::add);
        dwolla = new InMemoryDwolla(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO), bus,
                DocumentIdSource.RANDOM);
    }

    @AfterEach
    void close() {
        dwolla.close();
    }

    private CustomerId customer(CustomerType type) {
        return await(dwolla.createCustomer(NewCustomer.inStatus(type, CustomerStatus.DOCUMENT))).id();
    }

    private BeneficialOwnerId beneficialOwner() {
        return await(dwolla.createBeneficialOwner(NewBeneficialOwner.inStatus(BeneficialOwnerStatus.DOCUMENT))).id();
    }

    private Document upload(OwnerId owner) {
        return await(dwolla.create(DocumentSubmission.of(owner, DocumentType.PASSPORT,
                TestFiles.upload("scan.png", TestFiles.png()))));
    }

    private Object statusOf(OwnerId owner) {
        return await(dwolla.owner(owner)).status();
    }

    private List<String> topics() {
        return events.stream().map(DocumentEvent::topic).toList();
    }

    @Test
    void anAcceptedDocumentVerifiesTheCustomerAndReturnsTheReviewedDocument() {
        CustomerId customer = customer(CustomerType.PERSONAL);
        Document document = upload(customer);

        Document reviewed = await(dwolla.reviewDocument(document.id(), ReviewDecision.accept()));

        assertThat(reviewed.id()).isEqualTo(document.id());
        assertThat(reviewed.verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
        assertThat(statusOf(customer)).isEqualTo(CustomerStatus.VERIFIED);
        assertThat(topics()).containsExactly("customer_verification_document_uploaded",
                "customer_verification_document_approved", "customer_verified");
    }

    @Test
    void aDobMismatchMovesTheCustomerToRetry() {
        CustomerId customer = customer(CustomerType.PERSONAL);

        await(dwolla.reviewDocument(upload(customer).id(),
                ReviewDecision.reject(KnownFailureReason.SCAN_DOB_MISMATCH)));

        assertThat(statusOf(customer)).isEqualTo(CustomerStatus.RETRY);
        assertThat(topics()).endsWith("customer_verification_document_failed", "customer_reverification_needed");
    }

    @Test
    void aPossiblyFraudulentScanSuspendsTheCustomer() {
        CustomerId customer = customer(CustomerType.BUSINESS);

        await(dwolla.reviewDocument(upload(customer).id(),
                ReviewDecision.reject(KnownFailureReason.SCAN_FAILED_OTHER)));

        assertThat(statusOf(customer)).isEqualTo(CustomerStatus.SUSPENDED);
        assertThat(topics()).endsWith("customer_verification_document_failed", "customer_suspended");
    }

    @Test
    void anAcceptedDocumentVerifiesABeneficialOwnerAndARejectedOneLeavesItInDocument() {
        BeneficialOwnerId rejectedOwner = beneficialOwner();
        BeneficialOwnerId acceptedOwner = beneficialOwner();

        await(dwolla.reviewDocument(upload(rejectedOwner).id(),
                ReviewDecision.reject(KnownFailureReason.SCAN_NAME_MISMATCH)));
        await(dwolla.reviewDocument(upload(acceptedOwner).id(), ReviewDecision.accept()));

        assertThat(statusOf(rejectedOwner)).isEqualTo(BeneficialOwnerStatus.DOCUMENT);
        assertThat(statusOf(acceptedOwner)).isEqualTo(BeneficialOwnerStatus.VERIFIED);
    }

    @Test
    void onceTheOwnerLeftDocumentAFurtherUploadIsInvalidResourceState() {
        CustomerId verified = customer(CustomerType.PERSONAL);
        CustomerId retry = customer(CustomerType.PERSONAL);
        BeneficialOwnerId owner = beneficialOwner();
        await(dwolla.reviewDocument(upload(verified).id(), ReviewDecision.accept()));
        await(dwolla.reviewDocument(upload(retry).id(), ReviewDecision.reject(KnownFailureReason.SCAN_NAME_MISMATCH)));
        await(dwolla.reviewDocument(upload(owner).id(), ReviewDecision.accept()));

        for (OwnerId moved : List.of(verified, retry, owner)) {
            assertThat(refusal(dwolla.create(DocumentSubmission.of(moved, DocumentType.PASSPORT,
                    TestFiles.upload("scan.png", TestFiles.png())))).code())
                    .as("%s", moved).isEqualTo(ErrorCode.INVALID_RESOURCE_STATE);
        }
    }

    @Test
    void aLaterReviewOfAnotherPendingDocumentChangesOnlyThatDocument() {
        CustomerId customer = customer(CustomerType.PERSONAL);
        Document first = upload(customer);
        Document second = upload(customer);
        await(dwolla.reviewDocument(first.id(), ReviewDecision.accept()));

        await(dwolla.reviewDocument(second.id(), ReviewDecision.reject(KnownFailureReason.SCAN_FAILED_OTHER)));

        assertThat(statusOf(customer)).isEqualTo(CustomerStatus.VERIFIED);
        assertThat(await(dwolla.get(second.id())).verificationStatus()).isEqualTo(VerificationStatus.REJECTED);
        assertThat(topics()).endsWith("customer_verified", "customer_verification_document_failed");
    }

    @Test
    void movingACustomerBackToDocumentAllowsUploadsAgain() {
        CustomerId customer = customer(CustomerType.PERSONAL);
        await(dwolla.reviewDocument(upload(customer).id(), ReviewDecision.reject(KnownFailureReason.SCAN_DOB_MISMATCH)));

        assertThat(await(dwolla.moveOwner(customer, CustomerStatus.DOCUMENT)).status())
                .isEqualTo(CustomerStatus.DOCUMENT);

        assertThat(upload(customer).isPending()).isTrue();
        assertThat(topics()).containsSubsequence("customer_reverification_needed",
                "customer_verification_document_needed", "customer_verification_document_uploaded");
    }

    @Test
    void movingAnOwnerToAStatusOfTheOtherKindIsAValidationErrorAndChangesNothing() {
        CustomerId customer = customer(CustomerType.PERSONAL);
        BeneficialOwnerId owner = beneficialOwner();

        assertThat(refusal(dwolla.moveOwner(customer, BeneficialOwnerStatus.VERIFIED)).code())
                .isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(refusal(dwolla.moveOwner(owner, CustomerStatus.VERIFIED)).code())
                .isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(statusOf(customer)).isEqualTo(CustomerStatus.DOCUMENT);
        assertThat(statusOf(owner)).isEqualTo(BeneficialOwnerStatus.DOCUMENT);
    }

    @Test
    void movingAnUnknownOwnerIsNotFound() {
        assertThat(refusal(dwolla.moveOwner(new CustomerId("nobody"), CustomerStatus.DOCUMENT)).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void reviewingADocumentTwiceIsInvalidResourceStateAndKeepsTheFirstReview() {
        CustomerId customer = customer(CustomerType.PERSONAL);
        Document document = upload(customer);
        await(dwolla.reviewDocument(document.id(), ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE)));
        int eventsAfterFirstReview = events.size();

        assertThat(refusal(dwolla.reviewDocument(document.id(), ReviewDecision.accept())).code())
                .isEqualTo(ErrorCode.INVALID_RESOURCE_STATE);

        assertThat(await(dwolla.get(document.id())).failureReason())
                .contains(KnownFailureReason.SCAN_NOT_READABLE.reason());
        assertThat(statusOf(customer)).isEqualTo(CustomerStatus.DOCUMENT);
        assertThat(events).hasSize(eventsAfterFirstReview);
    }

    @Test
    void reviewingAnUnknownDocumentIsNotFound() {
        assertThat(refusal(dwolla.reviewDocument(new DocumentId("no-such-document"), ReviewDecision.accept())).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }
}
