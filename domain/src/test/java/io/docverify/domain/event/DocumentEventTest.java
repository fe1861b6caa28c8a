package io.docverify.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.OwnerStatus;
import io.docverify.domain.review.KnownFailureReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every event's topic is the Dwolla webhook topic of that change (FACTS.md, "Events (webhooks)"). */
class DocumentEventTest {
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");
    private static final DocumentId DOC = new DocumentId("doc-1");
    private static final CustomerId CUSTOMER = new CustomerId("cust-1");
    private static final BeneficialOwnerId OWNER = new BeneficialOwnerId("bo-1");

    @Test
    void documentEventsOfACustomerUseTheCustomerTopicsAndTheDocumentAsResource() {
        List<DocumentEvent> events = List.of(
                new DocumentEvent.DocumentUploaded(DOC, CUSTOMER, DocumentType.PASSPORT, AT),
                new DocumentEvent.DocumentApproved(DOC, CUSTOMER, AT),
                new DocumentEvent.DocumentFailed(DOC, CUSTOMER,
                        List.of(KnownFailureReason.SCAN_NOT_READABLE.reason()), AT));

        assertThat(events).extracting(DocumentEvent::topic).containsExactly(
                "customer_verification_document_uploaded",
                "customer_verification_document_approved",
                "customer_verification_document_failed");
        assertThat(events).extracting(DocumentEvent::resourceId).containsOnly("doc-1");
        assertThat(events).extracting(DocumentEvent::owner).containsOnly(CUSTOMER);
    }

    @Test
    void documentEventsOfABeneficialOwnerUseTheBeneficialOwnerTopics() {
        List<DocumentEvent> events = List.of(
                new DocumentEvent.DocumentUploaded(DOC, OWNER, DocumentType.LICENSE, AT),
                new DocumentEvent.DocumentApproved(DOC, OWNER, AT),
                new DocumentEvent.DocumentFailed(DOC, OWNER, List.of(KnownFailureReason.SCAN_ID_EXPIRED.reason()), AT));

        assertThat(events).extracting(DocumentEvent::topic).containsExactly(
                "customer_beneficial_owner_verification_document_uploaded",
                "customer_beneficial_owner_verification_document_approved",
                "customer_beneficial_owner_verification_document_failed");
        assertThat(events).extracting(DocumentEvent::resourceId).containsOnly("doc-1");
    }

    @ParameterizedTest(name = "customer -> {0}: {1}")
    @CsvSource({
        "VERIFIED, customer_verified",
        "RETRY, customer_reverification_needed",
        "SUSPENDED, customer_suspended",
        "DOCUMENT, customer_verification_document_needed",
        "KBA, customer_kba_verification_needed",
        "DEACTIVATED, customer_deactivated",
    })
    void aCustomersStatusChangeUsesTheTopicOfTheNewStatus(CustomerStatus to, String topic) {
        OwnerStatus from = to == CustomerStatus.UNVERIFIED ? CustomerStatus.DOCUMENT : CustomerStatus.UNVERIFIED;
        var event = new DocumentEvent.OwnerStatusChanged(CUSTOMER, from, to, AT);

        assertThat(event.topic()).isEqualTo(topic);
        assertThat(event.resourceId()).as("a status change is about the owner").isEqualTo("cust-1");
    }

    @ParameterizedTest(name = "beneficial owner -> {0}: {1}")
    @CsvSource({
        "VERIFIED, customer_beneficial_owner_verified",
        "DOCUMENT, customer_beneficial_owner_verification_document_needed",
        "INCOMPLETE, customer_beneficial_owner_reverification_needed",
    })
    void aBeneficialOwnersStatusChangeUsesTheBeneficialOwnerTopic(BeneficialOwnerStatus to, String topic) {
        OwnerStatus from = to == BeneficialOwnerStatus.DOCUMENT
                ? BeneficialOwnerStatus.INCOMPLETE : BeneficialOwnerStatus.DOCUMENT;
        var event = new DocumentEvent.OwnerStatusChanged(OWNER, from, to, AT);

        assertThat(event.topic()).isEqualTo(topic);
        assertThat(event.resourceId()).isEqualTo("bo-1");
    }

    @Test
    void aStatusChangeNeedsTwoDifferentStatuses() {
        assertThatThrownBy(() -> new DocumentEvent.OwnerStatusChanged(CUSTOMER, CustomerStatus.DOCUMENT,
                CustomerStatus.DOCUMENT, AT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedEventKeepsItsReasonsAsAnImmutableCopy() {
        var reasons = new java.util.ArrayList<>(List.of(KnownFailureReason.SCAN_DOB_MISMATCH.reason()));
        var event = new DocumentEvent.DocumentFailed(DOC, CUSTOMER, reasons, AT);
        reasons.clear();

        assertThat(event.reasons()).containsExactly(KnownFailureReason.SCAN_DOB_MISMATCH.reason());
    }
}
