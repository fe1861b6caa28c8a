package io.docverify.grpc.service;

import io.docverify.domain.error.FieldError;
import io.docverify.domain.owner.BeneficialOwner;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.owner.Owner;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.grpc.v1.SandboxServiceProto;
import io.docverify.grpc.v1.SandboxServiceProto.GetOwnerResponse;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDocumentRequest;
import java.util.List;
import java.util.Optional;

/**
 * Translation between the sandbox messages of {@code docverify.v1} and the domain's owners and reviews. The domain's
 * types go by their simple names here, the messages that share a name with one by {@code SandboxServiceProto.X}.
 */
final class SandboxMessages {
    private SandboxMessages() {
    }

    static CustomerType customerType(SandboxServiceProto.CustomerType type) {
        return switch (type) {
            case CUSTOMER_TYPE_UNSPECIFIED, CUSTOMER_TYPE_PERSONAL -> CustomerType.PERSONAL;
            case CUSTOMER_TYPE_BUSINESS -> CustomerType.BUSINESS;
            case CUSTOMER_TYPE_UNVERIFIED -> CustomerType.UNVERIFIED;
            case CUSTOMER_TYPE_RECEIVE_ONLY -> CustomerType.RECEIVE_ONLY;
            case UNRECOGNIZED -> throw DocumentMessages.invalid(FieldError.INVALID, "/type", "Unknown customer type.");
        };
    }

    /** The requested status; unspecified lets the sandbox derive it from the names. */
    static Optional<CustomerStatus> customerStatus(SandboxServiceProto.CustomerStatus status) {
        return switch (status) {
            case CUSTOMER_STATUS_UNSPECIFIED -> Optional.empty();
            case CUSTOMER_STATUS_UNVERIFIED -> Optional.of(CustomerStatus.UNVERIFIED);
            case CUSTOMER_STATUS_RETRY -> Optional.of(CustomerStatus.RETRY);
            case CUSTOMER_STATUS_KBA -> Optional.of(CustomerStatus.KBA);
            case CUSTOMER_STATUS_DOCUMENT -> Optional.of(CustomerStatus.DOCUMENT);
            case CUSTOMER_STATUS_VERIFIED -> Optional.of(CustomerStatus.VERIFIED);
            case CUSTOMER_STATUS_SUSPENDED -> Optional.of(CustomerStatus.SUSPENDED);
            case CUSTOMER_STATUS_DEACTIVATED -> Optional.of(CustomerStatus.DEACTIVATED);
            case UNRECOGNIZED -> throw DocumentMessages.invalid(FieldError.INVALID, "/status",
                    "Unknown customer status.");
        };
    }

    /** The requested status; unspecified lets the sandbox derive it from the first name. */
    static Optional<BeneficialOwnerStatus> beneficialOwnerStatus(SandboxServiceProto.BeneficialOwnerStatus status) {
        return switch (status) {
            case BENEFICIAL_OWNER_STATUS_UNSPECIFIED -> Optional.empty();
            case BENEFICIAL_OWNER_STATUS_INCOMPLETE -> Optional.of(BeneficialOwnerStatus.INCOMPLETE);
            case BENEFICIAL_OWNER_STATUS_DOCUMENT -> Optional.of(BeneficialOwnerStatus.DOCUMENT);
            case BENEFICIAL_OWNER_STATUS_VERIFIED -> Optional.of(BeneficialOwnerStatus.VERIFIED);
            case UNRECOGNIZED -> throw DocumentMessages.invalid(FieldError.INVALID, "/status",
                    "Unknown beneficial owner status.");
        };
    }

    static SandboxServiceProto.Customer toProto(Customer customer) {
        return SandboxServiceProto.Customer.newBuilder()
                .setId(customer.id().value())
                .setType(switch (customer.type()) {
                    case PERSONAL -> SandboxServiceProto.CustomerType.CUSTOMER_TYPE_PERSONAL;
                    case BUSINESS -> SandboxServiceProto.CustomerType.CUSTOMER_TYPE_BUSINESS;
                    case UNVERIFIED -> SandboxServiceProto.CustomerType.CUSTOMER_TYPE_UNVERIFIED;
                    case RECEIVE_ONLY -> SandboxServiceProto.CustomerType.CUSTOMER_TYPE_RECEIVE_ONLY;
                })
                .setStatus(toProto(customer.status()))
                .build();
    }

    static SandboxServiceProto.CustomerStatus toProto(CustomerStatus status) {
        return switch (status) {
            case UNVERIFIED -> SandboxServiceProto.CustomerStatus.CUSTOMER_STATUS_UNVERIFIED;
            case RETRY -> SandboxServiceProto.CustomerStatus.CUSTOMER_STATUS_RETRY;
            case KBA -> SandboxServiceProto.CustomerStatus.CUSTOMER_STATUS_KBA;
            case DOCUMENT -> SandboxServiceProto.CustomerStatus.CUSTOMER_STATUS_DOCUMENT;
            case VERIFIED -> SandboxServiceProto.CustomerStatus.CUSTOMER_STATUS_VERIFIED;
            case SUSPENDED -> SandboxServiceProto.CustomerStatus.CUSTOMER_STATUS_SUSPENDED;
            case DEACTIVATED -> SandboxServiceProto.CustomerStatus.CUSTOMER_STATUS_DEACTIVATED;
        };
    }

    static SandboxServiceProto.BeneficialOwner toProto(BeneficialOwner owner) {
        return SandboxServiceProto.BeneficialOwner.newBuilder()
                .setId(owner.id().value())
                .setStatus(toProto(owner.status()))
                .build();
    }

    static SandboxServiceProto.BeneficialOwnerStatus toProto(BeneficialOwnerStatus status) {
        return switch (status) {
            case INCOMPLETE -> SandboxServiceProto.BeneficialOwnerStatus.BENEFICIAL_OWNER_STATUS_INCOMPLETE;
            case DOCUMENT -> SandboxServiceProto.BeneficialOwnerStatus.BENEFICIAL_OWNER_STATUS_DOCUMENT;
            case VERIFIED -> SandboxServiceProto.BeneficialOwnerStatus.BENEFICIAL_OWNER_STATUS_VERIFIED;
        };
    }

    static GetOwnerResponse toProto(Owner owner) {
        return owner instanceof Customer c
                ? GetOwnerResponse.newBuilder().setCustomer(toProto(c)).build()
                : GetOwnerResponse.newBuilder().setBeneficialOwner(toProto((BeneficialOwner) owner)).build();
    }

    /**
     * The decision of a review request: accept without reasons, or reject with at least one. A known reason code
     * without a description gets Dwolla's description; an unknown code is kept as it came.
     */
    static ReviewDecision decision(ReviewDocumentRequest request) {
        List<FailureReason> reasons = request.getFailureReasonsList().stream()
                .map(r -> r.getDescription().isEmpty()
                        ? FailureReason.of(r.getReason())
                        : new FailureReason(r.getReason(), r.getDescription()))
                .toList();
        return switch (request.getDecision()) {
            case REVIEW_DECISION_ACCEPT -> {
                if (!reasons.isEmpty()) {
                    throw DocumentMessages.invalid(FieldError.INVALID, "/failureReasons",
                            "An accepted document has no failure reasons.");
                }
                yield ReviewDecision.accept();
            }
            case REVIEW_DECISION_REJECT -> ReviewDecision.reject(reasons);
            case REVIEW_DECISION_UNSPECIFIED -> throw DocumentMessages.invalid(FieldError.REQUIRED, "/decision",
                    "A decision (accept or reject) is required.");
            case UNRECOGNIZED -> throw DocumentMessages.invalid(FieldError.INVALID, "/decision", "Unknown decision.");
        };
    }
}
