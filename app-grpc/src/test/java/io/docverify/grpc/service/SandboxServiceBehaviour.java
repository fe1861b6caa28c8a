package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.errorOf;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.Calls;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.FailureReason;
import io.docverify.grpc.v1.DocumentProto.VerificationStatus;
import io.docverify.grpc.v1.SandboxServiceProto.BeneficialOwnerStatus;
import io.docverify.grpc.v1.SandboxServiceProto.CreateBeneficialOwnerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.Customer;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerStatus;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerType;
import io.docverify.grpc.v1.SandboxServiceProto.GetOwnerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.GetOwnerResponse;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDecision;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SandboxService: seeding owners, reviewing, and the owner's status moving. */
abstract class SandboxServiceBehaviour extends TransportBehaviour {
    private Customer createCustomer(CreateCustomerRequest.Builder request) {
        return server.sandbox().createCustomer(request.build()).getCustomer();
    }

    private GetOwnerResponse ownerOf(String customerId) {
        return server.sandbox().getOwner(GetOwnerRequest.newBuilder().setCustomerId(customerId).build());
    }

    private Document review(String documentId, ReviewDecision decision, FailureReason... reasons) {
        var request = ReviewDocumentRequest.newBuilder().setDocumentId(documentId).setDecision(decision);
        for (FailureReason reason : reasons) {
            request.addFailureReasons(reason);
        }
        return server.sandbox().reviewDocument(request.build()).getDocument();
    }

    private static FailureReason reason(String code) {
        return FailureReason.newBuilder().setReason(code).build();
    }

    @Test
    void aCustomerIsCreatedInTheChosenStatusWithTheChosenId() {
        String id = UUID.randomUUID().toString();
        Customer customer = createCustomer(CreateCustomerRequest.newBuilder().setCustomerId(id)
                .setType(CustomerType.CUSTOMER_TYPE_BUSINESS).setStatus(CustomerStatus.CUSTOMER_STATUS_KBA));

        assertThat(customer.getId()).isEqualTo(id);
        assertThat(customer.getType()).isEqualTo(CustomerType.CUSTOMER_TYPE_BUSINESS);
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.CUSTOMER_STATUS_KBA);
        assertThat(ownerOf(id).getCustomer()).isEqualTo(customer);
    }

    @Test
    void withoutAStatusTheFirstNameChoosesItAsInDwollasSandbox() {
        Customer customer = createCustomer(CreateCustomerRequest.newBuilder().setFirstName("retry"));

        assertThat(customer.getType()).isEqualTo(CustomerType.CUSTOMER_TYPE_PERSONAL);
        assertThat(customer.getStatus()).isEqualTo(CustomerStatus.CUSTOMER_STATUS_RETRY);
    }

    @Test
    void aTakenCustomerIdIsAValidationError() {
        String id = UUID.randomUUID().toString();
        createCustomer(CreateCustomerRequest.newBuilder().setCustomerId(id));

        var e = errorOf(() -> createCustomer(CreateCustomerRequest.newBuilder().setCustomerId(id)));

        assertError(e, Status.Code.INVALID_ARGUMENT, "ValidationError");
    }

    @Test
    void anUnknownCustomerTypeNumberIsAValidationError() {
        var e = errorOf(() -> createCustomer(CreateCustomerRequest.newBuilder().setTypeValue(42)));

        var info = assertError(e, Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/type");
    }

    @Test
    void aBeneficialOwnerIsCreatedInTheChosenOrNamedStatus() {
        var chosen = server.sandbox().createBeneficialOwner(CreateBeneficialOwnerRequest.newBuilder()
                .setStatus(BeneficialOwnerStatus.BENEFICIAL_OWNER_STATUS_DOCUMENT).build()).getBeneficialOwner();
        var named = server.sandbox().createBeneficialOwner(CreateBeneficialOwnerRequest.newBuilder()
                .setFirstName("incomplete").build()).getBeneficialOwner();

        assertThat(chosen.getStatus()).isEqualTo(BeneficialOwnerStatus.BENEFICIAL_OWNER_STATUS_DOCUMENT);
        assertThat(named.getStatus()).isEqualTo(BeneficialOwnerStatus.BENEFICIAL_OWNER_STATUS_INCOMPLETE);
        assertThat(server.sandbox().getOwner(GetOwnerRequest.newBuilder().setBeneficialOwnerId(chosen.getId())
                .build()).getBeneficialOwner()).isEqualTo(chosen);
    }

    @Test
    void anAcceptedDocumentVerifiesItsCustomer() {
        String customer = Calls.customerAwaitingDocuments(server);
        Document document = Calls.upload(server, passportOf(customer), TestFiles.png());

        Document reviewed = review(document.getId(), ReviewDecision.REVIEW_DECISION_ACCEPT);

        assertThat(reviewed.getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_ACCEPTED);
        assertThat(ownerOf(customer).getCustomer().getStatus()).isEqualTo(CustomerStatus.CUSTOMER_STATUS_VERIFIED);
    }

    @Test
    void aMismatchRejectionMovesTheCustomerToRetryAndKeepsEveryReason() {
        String customer = Calls.customerAwaitingDocuments(server);
        Document document = Calls.upload(server, passportOf(customer), TestFiles.png());

        Document reviewed = review(document.getId(), ReviewDecision.REVIEW_DECISION_REJECT,
                reason("ScanDobMismatch"), reason("SomeNewReason"),
                FailureReason.newBuilder().setReason("ScanIdExpired").setDescription("Our own words").build());

        assertThat(reviewed.getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_REJECTED);
        assertThat(reviewed.getFailureReason().getReason()).isEqualTo("ScanDobMismatch");
        assertThat(reviewed.getAllFailureReasonsList()).containsExactly(
                FailureReason.newBuilder().setReason("ScanDobMismatch")
                        .setDescription("Scan DOB does not match DOB on account").build(),
                reason("SomeNewReason"),
                FailureReason.newBuilder().setReason("ScanIdExpired").setDescription("Our own words").build());
        assertThat(ownerOf(customer).getCustomer().getStatus()).isEqualTo(CustomerStatus.CUSTOMER_STATUS_RETRY);
    }

    @Test
    void aReviewIsFinal() {
        Document document = Calls.upload(server, passportOf(Calls.customerAwaitingDocuments(server)),
                TestFiles.png());
        review(document.getId(), ReviewDecision.REVIEW_DECISION_ACCEPT);

        var e = errorOf(() -> review(document.getId(), ReviewDecision.REVIEW_DECISION_REJECT,
                reason("ScanNotReadable")));

        assertError(e, Status.Code.FAILED_PRECONDITION, "invalidResourceState");
    }

    @Test
    void reviewingAnUnknownDocumentIsNotFound() {
        var e = errorOf(() -> review("no-such-document", ReviewDecision.REVIEW_DECISION_ACCEPT));

        assertError(e, Status.Code.NOT_FOUND, "notFound");
    }

    @Test
    void aRejectionWithoutReasonsAnAcceptanceWithReasonsAndNoDecisionAreValidationErrors() {
        Document document = Calls.upload(server, passportOf(Calls.customerAwaitingDocuments(server)),
                TestFiles.png());

        var noReasons = errorOf(() -> review(document.getId(), ReviewDecision.REVIEW_DECISION_REJECT));
        var acceptWithReasons = errorOf(() -> review(document.getId(), ReviewDecision.REVIEW_DECISION_ACCEPT,
                reason("ScanNotReadable")));
        var noDecision = errorOf(() -> review(document.getId(), ReviewDecision.REVIEW_DECISION_UNSPECIFIED));

        assertThat(assertError(noReasons, Status.Code.INVALID_ARGUMENT, "ValidationError").getMetadataMap())
                .containsEntry("fieldPaths", "/reasons");
        assertThat(assertError(acceptWithReasons, Status.Code.INVALID_ARGUMENT, "ValidationError")
                .getMetadataMap()).containsEntry("fieldPaths", "/failureReasons");
        assertThat(assertError(noDecision, Status.Code.INVALID_ARGUMENT, "ValidationError").getMetadataMap())
                .containsEntry("fieldPaths", "/decision");
    }

    @Test
    void anUnknownOwnerIsNotFoundAndAMissingOneAValidationError() {
        var unknown = errorOf(() -> ownerOf("unknown-customer"));
        var missing = errorOf(() -> server.sandbox().getOwner(GetOwnerRequest.getDefaultInstance()));

        assertError(unknown, Status.Code.NOT_FOUND, "notFound");
        assertThat(assertError(missing, Status.Code.INVALID_ARGUMENT, "ValidationError").getMetadataMap())
                .containsEntry("fieldPaths", "/owner");
    }
}
