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

    /**
     * Every rule by name, in the order Dwolla applies them; {@link DocumentError#rule()} carries the name of the
     * rule that refused. {@link #OWNER_EXISTS} is checked where the owner is loaded (the provider), before an
     * {@link UploadAttempt} exists, so it is named here but has no check of its own.
     */
    public enum Named implements Rule {
        /** Rule 0: the owner exists, else 404 {@code notFound}. Checked by the provider when loading the owner. */
        OWNER_EXISTS("ownerExists", a -> Optional.empty()),
        OWNER_AWAITS_DOCUMENTS("ownerAwaitsDocuments", a -> ownerAwaitsDocuments(a.owner())),
        FILE_NOT_EMPTY("fileNotEmpty", a -> fileNotEmpty(a.file().size())),
        FILE_KIND_ALLOWED("fileKindAllowed", a -> fileKindAllowed(a.file().kind(), a.type(), Optional.of(a.owner()))),
        FILE_WITHIN_SIZE_LIMIT("fileWithinSizeLimit", a -> fileWithinSizeLimit(a.file().size(), a.limits())),
        BELOW_PENDING_LIMIT("belowPendingLimit", a -> belowPendingLimit(a.pendingDocuments(), a.limits())),
        NOT_A_DUPLICATE("notADuplicate", a -> notADuplicate(a.sameFileAs()));

        private final String ruleName;
        private final Rule check;

        Named(String ruleName, Rule check) {
            this.ruleName = ruleName;
            this.check = check;
        }

        /** The rule's name, as refusals, logs and gRPC's {@code ErrorInfo} metadata {@code rule} carry it. */
        public String ruleName() {
            return ruleName;
        }

        @Override
        public Optional<DocumentError> check(UploadAttempt attempt) {
            return check.check(attempt);
        }

        /** This rule's refusal for an owner that does not exist ({@link #OWNER_EXISTS} only uses it). */
        public DocumentError refusal(DocumentError error) {
            return error.byRule(ruleName);
        }
    }

    /** Every rule, in the order Dwolla applies them (rule 0, {@link Named#OWNER_EXISTS}, passes any attempt). */
    public static final List<Named> ALL = List.of(Named.values());

    private UploadRules() {
    }

    /** Applies {@link #ALL} in order and returns the first refusal. */
    public static Optional<DocumentError> check(UploadAttempt attempt) {
        for (Named rule : ALL) {
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
                        + "or non-verified Customer types.").byRule(Named.OWNER_AWAITS_DOCUMENTS.ruleName()));
    }

    /** An empty file is a {@code ValidationError} on {@code /file}. */
    public static Optional<DocumentError> fileNotEmpty(long size) {
        if (size > 0) {
            return Optional.empty();
        }
        return Optional.of(DocumentError.validation(FieldError.REQUIRED, "/file", "File is empty.")
                .byRule(Named.FILE_NOT_EMPTY.ruleName()));
    }

    /**
     * JPEG or PNG for everything; PDF only for a business document (type {@code other}) of a business customer:
     * 400 {@code invalidFileType}.
     *
     * @param owner the owner, or empty when unknown here (then it may be a business customer: Dwolla decides)
     */
    public static Optional<DocumentError> fileKindAllowed(FileKind kind, DocumentType type, Optional<Owner> owner) {
        return fileKindAllowedFor(kind, type, owner.map(Owner::isBusiness).orElse(true));
    }

    /** {@link #fileKindAllowed} for the streaming inspector, which knows only whether the owner may be a business. */
    static Optional<DocumentError> fileKindAllowedFor(FileKind kind, DocumentType type, boolean mayBeBusiness) {
        boolean allowed = switch (kind) {
            case JPEG, PNG -> true;
            case PDF -> type == DocumentType.OTHER && mayBeBusiness;
            case UNKNOWN -> false;
        };
        if (allowed) {
            return Optional.empty();
        }
        return Optional.of(DocumentError.of(ErrorCode.INVALID_FILE_TYPE,
                "File types supported: Personal IDs - .jpg, .jpeg or .png. Business Documents - .jpg, .jpeg, "
                        + ".png, or .pdf.").byRule(Named.FILE_KIND_ALLOWED.ruleName()));
    }

    /** At most {@link UploadLimits#maxFileBytes()} (10 MiB): 413 {@code fileTooLarge}. */
    public static Optional<DocumentError> fileWithinSizeLimit(long size, UploadLimits limits) {
        if (size <= limits.maxFileBytes()) {
            return Optional.empty();
        }
        return Optional.of(DocumentError.of(ErrorCode.FILE_TOO_LARGE, "Document requests are limited to 10 MiB.")
                .byRule(Named.FILE_WITHIN_SIZE_LIMIT.ruleName()));
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
                "Max of four files upload allowed. Please wait for Dwolla to manually check the documents.")
                .byRule(Named.BELOW_PENDING_LIMIT.ruleName()));
    }

    /** The same file (same SHA-256) twice for the same owner: 400 {@code DuplicateResource}, linking the first. */
    public static Optional<DocumentError> notADuplicate(Optional<DocumentId> sameFileAs) {
        return sameFileAs.map(existing -> DocumentError.duplicate(existing).byRule(Named.NOT_A_DUPLICATE.ruleName()));
    }
}
