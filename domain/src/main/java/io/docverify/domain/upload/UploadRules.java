package io.docverify.domain.upload;

import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.owner.Owner;
import java.util.List;
import java.util.Optional;

/**
 * Dwolla's upload rules, each one named, each refusal carrying Dwolla's code and message. {@link #ALL} lists
 * them in the order they apply; the single-rule methods let a streaming upload apply a rule as soon as the
 * bytes it needs have arrived (kind after the first bytes, size while streaming), with the same code.
 *
 * <p>Sources: Dwolla's "Create a document for a customer" page (error table, file kinds, 10 MiB) and documents
 * index (who may upload); the duplicate rule from Dwolla's changelog of 2020-03-06.
 */
public final class UploadRules {

    /** An upload rule: empty when the attempt passes, the refusal otherwise. */
    @FunctionalInterface
    public interface Rule {
        Optional<DocumentError> check(UploadAttempt attempt);
    }

    /** Every rule, in the order Dwolla applies them. */
    public static final List<Rule> ALL = List.of(
            a -> ownerAwaitsDocuments(a.owner()),
            a -> fileNotEmpty(a.file().size()),
            a -> fileKindAllowed(a.file().kind(), a.type(), a.owner().isBusiness()),
            a -> fileWithinSizeLimit(a.file().size(), a.limits()),
            a -> belowPendingLimit(a.pendingDocuments(), a.limits()),
            a -> notADuplicate(a.sameFileAs()));

    private UploadRules() {
    }

    /** Applies {@link #ALL} in order and returns the first refusal. */
    public static Optional<DocumentError> check(UploadAttempt attempt) {
        for (Rule rule : ALL) {
            Optional<DocumentError> refusal = rule.check(attempt);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /**
     * Only verified customers (personal or business) and beneficial owners in {@code document} status may
     * upload: 403 {@code invalidResourceState}.
     */
    public static Optional<DocumentError> ownerAwaitsDocuments(Owner owner) {
        if (owner.awaitsDocuments()) {
            return Optional.empty();
        }
        return Optional.of(DocumentError.of(ErrorCode.INVALID_RESOURCE_STATE,
                "Resource cannot be modified. Document creation not allowed for already verified Customers "
                        + "or non-verified Customer types."));
    }

    /** An empty file is a {@code ValidationError} on {@code /file}. */
    public static Optional<DocumentError> fileNotEmpty(long size) {
        if (size > 0) {
            return Optional.empty();
        }
        return Optional.of(DocumentError.validation(FieldError.REQUIRED, "/file", "File is empty."));
    }

    /**
     * JPEG or PNG for everything; PDF only for a business document (type {@code other}) of a business customer:
     * 400 {@code invalidFileType}.
     *
     * @param businessOwner true if the owner is (or, when unknown, may be) a business customer
     */
    public static Optional<DocumentError> fileKindAllowed(FileKind kind, DocumentType type, boolean businessOwner) {
        boolean allowed = switch (kind) {
            case JPEG, PNG -> true;
            case PDF -> type == DocumentType.OTHER && businessOwner;
            case UNKNOWN -> false;
        };
        if (allowed) {
            return Optional.empty();
        }
        return Optional.of(DocumentError.of(ErrorCode.INVALID_FILE_TYPE,
                "File types supported: Personal IDs - .jpg, .jpeg or .png. Business Documents - .jpg, .jpeg, "
                        + ".png, or .pdf."));
    }

    /** At most {@link UploadLimits#maxFileBytes()} (10 MiB): 413 {@code fileTooLarge}. */
    public static Optional<DocumentError> fileWithinSizeLimit(long size, UploadLimits limits) {
        if (size <= limits.maxFileBytes()) {
            return Optional.empty();
        }
        return Optional.of(DocumentError.of(ErrorCode.FILE_TOO_LARGE, "Document requests are limited to 10 MiB."));
    }

    /**
     * Fewer than {@link UploadLimits#maxPendingPerOwner()} (four) documents awaiting review before this one:
     * 400 {@code maximumNumberOfResources}.
     */
    public static Optional<DocumentError> belowPendingLimit(long pendingDocuments, UploadLimits limits) {
        if (pendingDocuments < limits.maxPendingPerOwner()) {
            return Optional.empty();
        }
        return Optional.of(DocumentError.of(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES,
                "Max of four files upload allowed. Please wait for Dwolla to manually check the documents."));
    }

    /** The same file (same SHA-256) twice for the same owner: 400 {@code DuplicateResource}, linking the first. */
    public static Optional<DocumentError> notADuplicate(Optional<DocumentId> sameFileAs) {
        return sameFileAs.map(DocumentError::duplicate);
    }
}
