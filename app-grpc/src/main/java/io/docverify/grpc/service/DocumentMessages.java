package io.docverify.grpc.service;

import com.google.protobuf.Timestamp;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentStatus;
import io.docverify.domain.DocumentType;
import io.docverify.domain.OwnerId;
import io.docverify.domain.VerificationStatus;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.review.FailureReason;
import io.docverify.grpc.v1.DocumentProto;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.grpc.v1.SandboxServiceProto.GetOwnerRequest;
import java.time.Instant;

/**
 * Translation between the domain's documents and the {@code docverify.v1} messages. Reading a request refuses
 * bad input with a {@code ValidationError} naming the field, as Dwolla would: a missing owner, an empty or
 * malformed id, an unset or unknown enum number. The domain's types go by their simple names here, the messages by
 * {@code DocumentProto.X} (the two vocabularies share names).
 */
final class DocumentMessages {
    private DocumentMessages() {
    }

    static DocumentProto.Document toProto(Document document) {
        var b = DocumentProto.Document.newBuilder()
                .setId(document.id().value())
                .setType(toProto(document.type()))
                .setStatus(document.status() == DocumentStatus.PENDING
                        ? DocumentProto.DocumentStatus.DOCUMENT_STATUS_PENDING
                        : DocumentProto.DocumentStatus.DOCUMENT_STATUS_REVIEWED)
                .setVerificationStatus(toProto(document.verificationStatus()))
                .setCreated(timestamp(document.created()));
        document.owner().ifPresent(owner -> {
            if (owner instanceof CustomerId c) {
                b.setCustomerId(c.value());
            } else {
                b.setBeneficialOwnerId(owner.value());
            }
        });
        document.failureReason().ifPresent(r -> b.setFailureReason(toProto(r)));
        document.allFailureReasons().forEach(r -> b.addAllFailureReasons(toProto(r)));
        return b.build();
    }

    static DocumentProto.FailureReason toProto(FailureReason reason) {
        return DocumentProto.FailureReason.newBuilder()
                .setReason(reason.reason())
                .setDescription(reason.description())
                .build();
    }

    static DocumentProto.DocumentType toProto(DocumentType type) {
        return switch (type) {
            case PASSPORT -> DocumentProto.DocumentType.DOCUMENT_TYPE_PASSPORT;
            case LICENSE -> DocumentProto.DocumentType.DOCUMENT_TYPE_LICENSE;
            case ID_CARD -> DocumentProto.DocumentType.DOCUMENT_TYPE_ID_CARD;
            case OTHER -> DocumentProto.DocumentType.DOCUMENT_TYPE_OTHER;
        };
    }

    static DocumentProto.VerificationStatus toProto(VerificationStatus status) {
        return switch (status) {
            case PENDING -> DocumentProto.VerificationStatus.VERIFICATION_STATUS_PENDING;
            case ACCEPTED -> DocumentProto.VerificationStatus.VERIFICATION_STATUS_ACCEPTED;
            case REJECTED -> DocumentProto.VerificationStatus.VERIFICATION_STATUS_REJECTED;
        };
    }

    /** The requested document type; unset and unknown numbers are validation errors on {@code /documentType}. */
    static DocumentType documentType(DocumentProto.DocumentType type) {
        return switch (type) {
            case DOCUMENT_TYPE_PASSPORT -> DocumentType.PASSPORT;
            case DOCUMENT_TYPE_LICENSE -> DocumentType.LICENSE;
            case DOCUMENT_TYPE_ID_CARD -> DocumentType.ID_CARD;
            case DOCUMENT_TYPE_OTHER -> DocumentType.OTHER;
            case DOCUMENT_TYPE_UNSPECIFIED -> throw invalid(FieldError.REQUIRED, "/documentType",
                    "DocumentType required.");
            case UNRECOGNIZED -> throw invalid(FieldError.INVALID, "/documentType",
                    "DocumentType must be one of passport, license, idCard, other.");
        };
    }

    /** A document id; empty or malformed is a validation error on {@code /documentId}. */
    static DocumentId documentId(String value) {
        return new DocumentId(value);
    }

    /** The owner of an upload: its {@code customer_id} or {@code beneficial_owner_id}, or a validation error. */
    static OwnerId owner(UploadMetadata metadata) {
        return switch (metadata.getOwnerCase()) {
            case CUSTOMER_ID -> new CustomerId(metadata.getCustomerId());
            case BENEFICIAL_OWNER_ID -> new BeneficialOwnerId(metadata.getBeneficialOwnerId());
            case OWNER_NOT_SET -> throw ownerRequired();
        };
    }

    /** The owner whose documents are listed, as {@link #owner(UploadMetadata)}. */
    static OwnerId owner(ListDocumentsRequest request) {
        return switch (request.getOwnerCase()) {
            case CUSTOMER_ID -> new CustomerId(request.getCustomerId());
            case BENEFICIAL_OWNER_ID -> new BeneficialOwnerId(request.getBeneficialOwnerId());
            case OWNER_NOT_SET -> throw ownerRequired();
        };
    }

    /** The owner asked for, as {@link #owner(UploadMetadata)}. */
    static OwnerId owner(GetOwnerRequest request) {
        return switch (request.getOwnerCase()) {
            case CUSTOMER_ID -> new CustomerId(request.getCustomerId());
            case BENEFICIAL_OWNER_ID -> new BeneficialOwnerId(request.getBeneficialOwnerId());
            case OWNER_NOT_SET -> throw ownerRequired();
        };
    }

    /** No owner in a request's {@code owner} oneof: a validation error on {@code /owner}. */
    private static RuntimeException ownerRequired() {
        return invalid(FieldError.REQUIRED, "/owner", "A customer_id or a beneficial_owner_id is required.");
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static RuntimeException invalid(String fieldCode, String path, String message) {
        return DocumentError.validation(fieldCode, path, message).toException();
    }
}
