package io.docverify.domain.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.DocumentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeIsFoundByItsOwnWireSpelling(ErrorCode code) {
        assertThat(ErrorCode.fromWire(code.wire())).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({
        "notFound, NOT_FOUND",
        "NotFound, NOT_FOUND",
        "NOTFOUND, NOT_FOUND",
        "InvalidResourceState, INVALID_RESOURCE_STATE",
        "invalidResourceState, INVALID_RESOURCE_STATE",
        "FileTooLarge, FILE_TOO_LARGE",
        "duplicateResource, DUPLICATE_RESOURCE",
        "Too Many Requests, TOO_MANY_REQUESTS",
        "TooManyRequests, TOO_MANY_REQUESTS",
        "validationerror, VALIDATION_ERROR",
        "Invalid File Type, INVALID_FILE_TYPE",
    })
    void wireCodesCompareIgnoringCaseAndSpaces(String wire, ErrorCode expected) {
        assertThat(ErrorCode.fromWire(wire)).isEqualTo(expected);
    }

    @Test
    void anUnknownOrMissingCodeIsUnknown() {
        assertThat(ErrorCode.fromWire("SomethingDwollaAddsLater")).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(ErrorCode.fromWire("")).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(ErrorCode.fromWire(null)).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(ErrorCode.fromWire("not_found")).as("underscores are not ignored").isEqualTo(ErrorCode.UNKNOWN);
    }

    @Test
    void dwollasDocumentCodesAreSpelledAsDwollaSpellsThem() {
        assertThat(ErrorCode.NOT_FOUND.wire()).isEqualTo("notFound");
        assertThat(ErrorCode.INVALID_RESOURCE_STATE.wire()).isEqualTo("invalidResourceState");
        assertThat(ErrorCode.INVALID_FILE_TYPE.wire()).isEqualTo("invalidFileType");
        assertThat(ErrorCode.FILE_TOO_LARGE.wire()).isEqualTo("fileTooLarge");
        assertThat(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES.wire()).isEqualTo("maximumNumberOfResources");
        assertThat(ErrorCode.DUPLICATE_RESOURCE.wire()).isEqualTo("DuplicateResource");
        assertThat(ErrorCode.VALIDATION_ERROR.wire()).isEqualTo("ValidationError");
        assertThat(ErrorCode.CONFLICT.wire()).isEqualTo("Conflict");
    }

    @Test
    void aDuplicateErrorLinksTheExistingDocumentAndOtherErrorsDoNot() {
        var existing = new DocumentId("doc-1");

        assertThat(DocumentError.duplicate(existing).existingDocument()).contains(existing);
        assertThat(DocumentError.duplicate(existing).code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
        assertThat(DocumentError.of(ErrorCode.NOT_FOUND, "gone").existingDocument()).isEmpty();
    }

    @Test
    void aValidationErrorCarriesOneFieldErrorWithItsPath() {
        DocumentError error = DocumentError.validation(FieldError.REQUIRED, "/documentType", "DocumentType required.");

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(error.wireCode()).isEqualTo("ValidationError");
        assertThat(error.fieldErrors()).containsExactly(
                new FieldError("Required", "DocumentType required.", "/documentType"));
    }

    @Test
    void anExceptionCarriesItsErrorAndCode() {
        DocumentError error = DocumentError.of(ErrorCode.FILE_TOO_LARGE, "Document requests are limited to 10 MiB.");

        DocumentException exception = error.toException();

        assertThat(exception.error()).isSameAs(error);
        assertThat(exception.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
        assertThat(exception.getMessage()).contains("fileTooLarge");
    }
}
