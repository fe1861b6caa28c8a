package io.docverify.dwollaserver;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import java.util.List;

/**
 * Which of Dwolla's two documented shapes the upload refusals take. Dwolla's pages disagree and nobody outside
 * Dwolla knows which one production sends (../shared/dwolla/FACTS.md), so a client must understand both; the server
 * speaks either.
 */
public enum ErrorStyle {
    /**
     * The endpoint tables and the OpenAPI description: top-level codes, {@code 400 invalidFileType},
     * {@code 413 fileTooLarge}, {@code 400 DuplicateResource} with {@code _links.about}. The default.
     */
    ENDPOINT_TABLE,
    /**
     * The changelog (2020-03-06, 2020-03-10) and the errors page: {@code 400 ValidationError} with an embedded
     * {@code Invalid} "Invalid file type", {@code FileTooLarge}, or {@code Duplicate} whose {@code _links.about}
     * links the existing document, all on the path {@code /file}.
     */
    VALIDATION_ERROR;

    private static final String VALIDATION_MESSAGE =
            "Validation error(s) present. See embedded errors list for more details.";

    /** The error as this style writes it; errors the styles agree on are returned as they are. */
    DocumentError restyle(DocumentError error) {
        if (this == ENDPOINT_TABLE) {
            return error;
        }
        return switch (error.code()) {
            case INVALID_FILE_TYPE -> validation(error, "Invalid", "Invalid file type");
            case FILE_TOO_LARGE -> validation(error, "FileTooLarge", "Document requests are limited to 10 MiB.");
            case DUPLICATE_RESOURCE -> validation(error, "Duplicate", error.message());
            default -> error;
        };
    }

    private static DocumentError validation(DocumentError original, String code, String message) {
        return new DocumentError(ErrorCode.VALIDATION_ERROR, ErrorCode.VALIDATION_ERROR.wire(), VALIDATION_MESSAGE,
                List.of(new FieldError(code, message, "/file")), original.existingDocument());
    }
}
