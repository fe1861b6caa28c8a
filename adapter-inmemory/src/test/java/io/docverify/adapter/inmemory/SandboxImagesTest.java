package io.docverify.adapter.inmemory;

import static io.docverify.adapter.inmemory.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.application.DocumentEventBus;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.VerificationStatus;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dwolla's two published sandbox images review themselves, like in Dwolla's sandbox. */
class SandboxImagesTest {
    private final List<DocumentEvent> events = new CopyOnWriteArrayList<>();
    private InMemoryDwolla dwolla;

    @AfterEach
    void close() {
        if (dwolla != null) {
            dwolla.close();
        }
    }

    private InMemoryDwolla start(Duration reviewDelay) {
        var bus = new DocumentEventBus();
        bus.subscribe(events::add);
        dwolla = new InMemoryDwolla(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(reviewDelay), bus,
                DocumentIdSource.RANDOM);
        return dwolla;
    }

    private CustomerId customer(CustomerType type) {
        return await(dwolla.createCustomer(NewCustomer.inStatus(type, CustomerStatus.DOCUMENT))).id();
    }

    private Document upload(OwnerId owner, DocumentType type, String fileName, byte[] file) {
        return await(dwolla.create(DocumentSubmission.of(owner, type, FileUpload.ofBytes(fileName, file))));
    }

    private Document current(Document document) {
        return await(dwolla.get(document.id()));
    }

    private List<String> topics() {
        return events.stream().map(DocumentEvent::topic).toList();
    }

    @Test
    void theTestResourcesAreDwollasPublishedImages() throws Exception {
        var sha256 = MessageDigest.getInstance("SHA-256");

        assertThat(HexFormat.of().formatHex(sha256.digest(SampleImages.load(SampleImages.SUCCESS))))
                .isEqualTo(SandboxImages.SUCCESS.sha256Hex());
        assertThat(HexFormat.of().formatHex(sha256.digest(SampleImages.load(SampleImages.FAIL))))
                .isEqualTo(SandboxImages.FAIL.sha256Hex());
    }

    @Test
    void withoutDelayTheSuccessImageIsAcceptedAndVerifiesTheCustomerBeforeTheUploadReturns() {
        start(Duration.ZERO);
        CustomerId customer = customer(CustomerType.PERSONAL);

        Document uploaded = upload(customer, DocumentType.PASSPORT, SampleImages.SUCCESS,
                SampleImages.load(SampleImages.SUCCESS));

        assertThat(current(uploaded).verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
        assertThat(await(dwolla.owner(customer)).status()).isEqualTo(CustomerStatus.VERIFIED);
        assertThat(topics()).containsExactly("customer_verification_document_uploaded",
                "customer_verification_document_approved", "customer_verified");
        assertThat(events).extracting(DocumentEvent::resourceId)
                .containsExactly(uploaded.id().value(), uploaded.id().value(), customer.value());
    }

    @Test
    void withoutDelayTheFailImageIsRejectedAsScanNotUploadedAndTheCustomerStaysInDocument() {
        start(Duration.ZERO);
        CustomerId customer = customer(CustomerType.PERSONAL);

        Document uploaded = upload(customer, DocumentType.LICENSE, SampleImages.FAIL,
                SampleImages.load(SampleImages.FAIL));

        Document reviewed = current(uploaded);
        assertThat(reviewed.verificationStatus()).isEqualTo(VerificationStatus.REJECTED);
        assertThat(reviewed.failureReason()).contains(KnownFailureReason.SCAN_NOT_UPLOADED.reason());
        assertThat(reviewed.allFailureReasons()).containsExactly(KnownFailureReason.SCAN_NOT_UPLOADED.reason());
        assertThat(await(dwolla.owner(customer)).status()).isEqualTo(CustomerStatus.DOCUMENT);
        assertThat(topics()).containsExactly("customer_verification_document_uploaded",
                "customer_verification_document_failed");
    }

    @Test
    void withADelayTheSuccessImageIsPendingFirstAndAcceptedLater() {
        start(Duration.ofSeconds(1));
        CustomerId customer = customer(CustomerType.PERSONAL);

        Document uploaded = upload(customer, DocumentType.ID_CARD, SampleImages.SUCCESS,
                SampleImages.load(SampleImages.SUCCESS));
        assertThat(current(uploaded).isPending()).isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(current(uploaded).verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED));
        assertThat(await(dwolla.owner(customer)).status()).isEqualTo(CustomerStatus.VERIFIED);
        assertThat(topics()).containsExactly("customer_verification_document_uploaded",
                "customer_verification_document_approved", "customer_verified");
    }

    @Test
    void withADelayTheFailImageIsPendingFirstAndRejectedLater() {
        start(Duration.ofSeconds(1));
        CustomerId customer = customer(CustomerType.PERSONAL);

        Document uploaded = upload(customer, DocumentType.PASSPORT, SampleImages.FAIL,
                SampleImages.load(SampleImages.FAIL));
        assertThat(current(uploaded).isPending()).isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(current(uploaded).verificationStatus()).isEqualTo(VerificationStatus.REJECTED));
        assertThat(topics()).containsExactly("customer_verification_document_uploaded",
                "customer_verification_document_failed");
    }

    @Test
    void theSuccessImageVerifiesABeneficialOwnerAndABusiness() {
        start(Duration.ZERO);
        BeneficialOwnerId owner = await(dwolla.createBeneficialOwner(
                NewBeneficialOwner.inStatus(BeneficialOwnerStatus.DOCUMENT))).id();
        CustomerId business = customer(CustomerType.BUSINESS);
        byte[] success = SampleImages.load(SampleImages.SUCCESS);

        upload(owner, DocumentType.PASSPORT, SampleImages.SUCCESS, success);
        upload(business, DocumentType.OTHER, SampleImages.SUCCESS, success);

        assertThat(await(dwolla.owner(owner)).status()).isEqualTo(BeneficialOwnerStatus.VERIFIED);
        assertThat(await(dwolla.owner(business)).status()).isEqualTo(CustomerStatus.VERIFIED);
        assertThat(topics()).contains("customer_beneficial_owner_verification_document_approved",
                "customer_beneficial_owner_verified");
    }

    @Test
    void theImagesAreRecognisedByTheirBytesNotByTheirName() {
        start(Duration.ZERO);
        byte[] almostSuccess = SampleImages.load(SampleImages.SUCCESS);
        almostSuccess[almostSuccess.length - 1] ^= 0x01;

        Document changed = upload(customer(CustomerType.PERSONAL), DocumentType.PASSPORT, SampleImages.SUCCESS,
                almostSuccess);
        Document renamed = upload(customer(CustomerType.PERSONAL), DocumentType.PASSPORT, SampleImages.SUCCESS,
                SampleImages.load(SampleImages.FAIL));

        assertThat(current(changed).isPending()).as("one byte changed: an ordinary file").isTrue();
        assertThat(current(renamed).verificationStatus()).isEqualTo(VerificationStatus.REJECTED);
    }

    @Test
    void everyCustomerMayUseTheSameSampleImage() {
        start(Duration.ZERO);
        byte[] success = SampleImages.load(SampleImages.SUCCESS);
        CustomerId first = customer(CustomerType.PERSONAL);
        CustomerId second = customer(CustomerType.PERSONAL);

        upload(first, DocumentType.PASSPORT, SampleImages.SUCCESS, success);
        upload(second, DocumentType.PASSPORT, SampleImages.SUCCESS, success);

        assertThat(await(dwolla.owner(first)).status()).isEqualTo(CustomerStatus.VERIFIED);
        assertThat(await(dwolla.owner(second)).status()).isEqualTo(CustomerStatus.VERIFIED);
    }
}
