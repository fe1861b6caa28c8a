package io.docverify.grpc.service;

import com.google.protobuf.Descriptors;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.Timestamp;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.review.FailureReason;
import io.docverify.grpc.v1.Document;
import io.docverify.grpc.v1.DocumentStatus;
import io.docverify.grpc.v1.DocumentType;
import io.docverify.grpc.v1.VerificationStatus;
import java.time.Instant;

/**
 * Translation between the domain's documents and the {@code docverify.v1} messages. Reading a request refuses
 * bad input with a {@code ValidationError} naming the field, as Dwolla would: a missing owner, an empty or
 * malformed id, an unset or unknown enum number.
 */
final class DocumentMessages {
    private DocumentMessages() {
    }

    static Document toProto(io.docverify.domain.Document document) {
        var b = Document.newBuilder()
                .setId(document.id().value())
                .setType(toProto(document.type()))
                .setStatus(document.status() == io.docverify.domain.DocumentStatus.PENDING
                        ? DocumentStatus.DOCUMENT_STATUS_PENDING
                        : DocumentStatus.DOCUMENT_STATUS_REVIEWED)
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

    static io.docverify.grpc.v1.FailureReason toProto(FailureReason reason) {
        return io.docverify.grpc.v1.FailureReason.newBuilder()
                .setReason(reason.reason())
                .setDescription(reason.description())
                .build();
    }

    static DocumentType toProto(io.docverify.domain.DocumentType type) {
        return switch (type) {
            case PASSPORT -> DocumentType.DOCUMENT_TYPE_PASSPORT;
            case LICENSE -> DocumentType.DOCUMENT_TYPE_LICENSE;
            case ID_CARD -> DocumentType.DOCUMENT_TYPE_ID_CARD;
            case OTHER -> DocumentType.DOCUMENT_TYPE_OTHER;
        };
    }

    static VerificationStatus toProto(io.docverify.domain.VerificationStatus status) {
        return switch (status) {
            case PENDING -> VerificationStatus.VERIFICATION_STATUS_PENDING;
            case ACCEPTED -> VerificationStatus.VERIFICATION_STATUS_ACCEPTED;
            case REJECTED -> VerificationStatus.VERIFICATION_STATUS_REJECTED;
        };
    }

    /** The requested document type; unset and unknown numbers are validation errors on {@code /documentType}. */
    static io.docverify.domain.DocumentType documentType(DocumentType type) {
        return switch (type) {
            case DOCUMENT_TYPE_PASSPORT -> io.docverify.domain.DocumentType.PASSPORT;
            case DOCUMENT_TYPE_LICENSE -> io.docverify.domain.DocumentType.LICENSE;
            case DOCUMENT_TYPE_ID_CARD -> io.docverify.domain.DocumentType.ID_CARD;
            case DOCUMENT_TYPE_OTHER -> io.docverify.domain.DocumentType.OTHER;
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

    /**
     * The owner named by a request's {@code owner} oneof ({@code customer_id} or {@code beneficial_owner_id}):
     * exactly one of the two ids is set, or none (a validation error on {@code /owner}).
     */
    static OwnerId owner(MessageOrBuilder request) {
        Descriptors.OneofDescriptor oneof = request.getDescriptorForType().getOneofs().stream()
                .filter(o -> o.getName().equals("owner")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no owner oneof in " + request.getDescriptorForType()));
        Descriptors.FieldDescriptor set = request.getOneofFieldDescriptor(oneof);
        if (set != null && set.getName().equals("customer_id")) {
            return new CustomerId((String) request.getField(set));
        }
        if (set != null && set.getName().equals("beneficial_owner_id")) {
            return new BeneficialOwnerId((String) request.getField(set));
        }
        throw invalid(FieldError.REQUIRED, "/owner", "A customer_id or a beneficial_owner_id is required.");
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static RuntimeException invalid(String fieldCode, String path, String message) {
        return DocumentError.validation(fieldCode, path, message).toException();
    }
}
