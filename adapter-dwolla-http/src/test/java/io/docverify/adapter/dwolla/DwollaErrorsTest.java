package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.dwolla.DwollaFailure.Kind;
import io.docverify.domain.DocumentId;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DwollaErrorsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static DwollaFailure failure(int status, String body) {
        return DwollaErrors.failure(status, Optional.empty(), body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @ParameterizedTest(name = "{0} {1} -> {2} ({3})")
    @CsvSource(delimiter = '|', value = {
            "404 | {\"code\":\"notFound\",\"message\":\"Customer not found. Check CustomerId.\"} | NOT_FOUND | FINAL",
            "404 | {\"code\":\"NotFound\",\"message\":\"The requested resource was not found.\"} | NOT_FOUND | FINAL",
            "403 | {\"code\":\"invalidResourceState\",\"message\":\"Resource cannot be modified.\"} | INVALID_RESOURCE_STATE | FINAL",
            "403 | {\"code\":\"InvalidResourceState\",\"message\":\"Resource cannot be modified.\"} | INVALID_RESOURCE_STATE | FINAL",
            "403 | {\"code\":\"notAuthorized\",\"message\":\"Not authorized to create documents.\"} | NOT_AUTHORIZED | FINAL",
            "400 | {\"code\":\"maximumNumberOfResources\",\"message\":\"Max of four files\"} | MAXIMUM_NUMBER_OF_RESOURCES | FINAL",
            "400 | {\"code\":\"invalidFileType\",\"message\":\"File types supported\"} | INVALID_FILE_TYPE | FINAL",
            "413 | {\"code\":\"fileTooLarge\",\"message\":\"Document requests are limited to 10 MiB.\"} | FILE_TOO_LARGE | FINAL",
            "415 | {\"code\":\"UnsupportedRequestContentType\",\"message\":\"Expected multipart\"} | UNSUPPORTED_REQUEST_CONTENT_TYPE | FINAL",
            "400 | {\"code\":\"BadRequest\",\"message\":\"bad syntax\"} | BAD_REQUEST | FINAL",
            "409 | {\"code\":\"Conflict\",\"message\":\"still processing\"} | CONFLICT | CONFLICT",
            "429 | {\"code\":\"TooManyRequests\",\"message\":\"slow down\"} | TOO_MANY_REQUESTS | RATE_LIMITED",
            "429 | {\"code\":\"Too Many Requests\",\"message\":\"slow down\"} | TOO_MANY_REQUESTS | RATE_LIMITED",
            "401 | {\"code\":\"ExpiredAccessToken\",\"message\":\"Generate a new access token\"} | EXPIRED_ACCESS_TOKEN | TOKEN_REJECTED",
            "401 | {\"code\":\"InvalidAccessToken\",\"message\":\"Invalid access token.\"} | INVALID_ACCESS_TOKEN | TOKEN_REJECTED",
            "401 | {\"code\":\"invalidaccesstoken\",\"message\":\"lower case\"} | INVALID_ACCESS_TOKEN | TOKEN_REJECTED",
            "401 | {\"code\":\"InvalidCredentials\",\"message\":\"Missing or invalid Authorization header.\"} | INVALID_CREDENTIALS | FINAL",
            "401 | {\"error\":\"invalid_client\"} | INVALID_CREDENTIALS | FINAL",
            "500 | {\"code\":\"ServerError\",\"message\":\"A server error occurred. Error ID: 1\"} | SERVER_ERROR | TRANSIENT",
            "500 | {\"code\":\"RequestTimeout\",\"message\":\"The request timed out.\"} | REQUEST_TIMEOUT | TRANSIENT",
            "502 | <html><body>bad gateway</body></html> | SERVER_ERROR | TRANSIENT",
            "503 | '' | SERVICE_UNAVAILABLE | TRANSIENT",
            "504 | '' | REQUEST_TIMEOUT | TRANSIENT",
            "401 | '' | INVALID_ACCESS_TOKEN | TOKEN_REJECTED",
            "404 | '' | NOT_FOUND | FINAL",
            "400 | [1,2,3] | BAD_REQUEST | FINAL",
            "400 | {\"message\":\"no code at all\"} | BAD_REQUEST | FINAL",
    })
    void everyDocumentedShapeMapsToTheDomainCode(int status, String body, ErrorCode code, Kind kind) {
        DwollaFailure f = failure(status, body);

        assertThat(f.error().code()).isEqualTo(code);
        assertThat(f.kind()).isEqualTo(kind);
    }

    @Test
    void theCodeIsKeptAsItCameOverTheWire() {
        assertThat(failure(404, "{\"code\":\"NotFound\",\"message\":\"m\"}").error().wireCode()).isEqualTo("NotFound");
        assertThat(failure(401, "{\"error\":\"invalid_client\"}").error().wireCode()).isEqualTo("invalid_client");
    }

    @Test
    void anUnknownCodeIsKeptIntactRatherThanFailing() {
        DwollaFailure f = failure(400, "{\"code\":\"DocumentHologramMissing\",\"message\":\"A code from the future\"}");

        assertThat(f.error().code()).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(f.error().wireCode()).isEqualTo("DocumentHologramMissing");
        assertThat(f.error().message()).isEqualTo("A code from the future");
        assertThat(f.kind()).isEqualTo(Kind.FINAL);
    }

    @Test
    void aTopLevelDuplicateResourceLinksTheExistingDocument() {
        DwollaFailure f = failure(400, """
                {"code":"DuplicateResource","message":"Document already exists.",
                 "_links":{"about":{"href":"https://api-sandbox.dwolla.com/documents/56502f7a-fa59-4a2f-8579-0f8bc9d7b9cc",
                 "type":"application/vnd.dwolla.v1.hal+json","resource-type":"document"}}}""");

        assertThat(f.error().code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
        assertThat(f.error().existingDocument()).contains(new DocumentId("56502f7a-fa59-4a2f-8579-0f8bc9d7b9cc"));
    }

    @Test
    void aValidationErrorWithAnEmbeddedDuplicateIsADuplicateResourceWithItsLink() {
        DwollaFailure f = failure(400, """
                {"code":"ValidationError","message":"Validation error(s) present.",
                 "_embedded":{"errors":[{"code":"Duplicate","message":"Document already exists.","path":"/file",
                   "_links":{"about":{"href":"https://api.dwolla.com/documents/abc-123"}}}]}}""");

        assertThat(f.error().code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
        assertThat(f.error().wireCode()).isEqualTo("ValidationError");
        assertThat(f.error().existingDocument()).contains(new DocumentId("abc-123"));
    }

    @Test
    void aValidationErrorWithAnEmbeddedInvalidFileTypeIsAnInvalidFileType() {
        DwollaFailure f = failure(400, """
                {"code":"ValidationError","message":"Validation error(s) present.",
                 "_embedded":{"errors":[{"code":"Invalid","message":"Invalid file type","path":"/file","_links":{}}]}}""");

        assertThat(f.error().code()).isEqualTo(ErrorCode.INVALID_FILE_TYPE);
        assertThat(f.error().fieldErrors()).containsExactly(new FieldError("Invalid", "Invalid file type", "/file"));
    }

    @Test
    void aValidationErrorWithAnEmbeddedFileTooLargeIsAFileTooLarge() {
        DwollaFailure f = failure(400, """
                {"code":"ValidationError","message":"m","_embedded":{"errors":[{"code":"FileTooLarge","message":"too big","path":"/file"}]}}""");

        assertThat(f.error().code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
    }

    @Test
    void anOrdinaryValidationErrorKeepsEveryFieldAndPath() {
        DwollaFailure f = failure(400, """
                {"code":"ValidationError","message":"Validation error(s) present.",
                 "_embedded":{"errors":[{"code":"Required","message":"DocumentType required.","path":"/documentType"},
                                        {"code":"Invalid","message":"A file name is unsafe.","path":"/file"}]}}""");

        assertThat(f.error().code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(f.error().fieldErrors()).extracting(FieldError::path).containsExactly("/documentType", "/file");
        assertThat(f.error().fieldErrors()).extracting(FieldError::code).containsExactly("Required", "Invalid");
    }

    @Test
    void retryAfterIsReadInSecondsAndAsAnHttpDate() {
        var seconds = DwollaErrors.failure(429, Optional.of("7"), new byte[0], NOW);
        var date = DwollaErrors.failure(429, Optional.of("Sun, 01 Mar 2026 10:00:30 GMT"), new byte[0], NOW);
        var garbage = DwollaErrors.failure(429, Optional.of("soon"), new byte[0], NOW);
        var notOnA400 = DwollaErrors.failure(400, Optional.of("7"), new byte[0], NOW);

        assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(date.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(garbage.retryAfter()).isEmpty();
        assertThat(notOnA400.retryAfter()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "https://api.dwolla.com/documents/11fe0bab-39bd-42ee-bb39-275afcc050d0, 11fe0bab-39bd-42ee-bb39-275afcc050d0",
            "http://127.0.0.1:4711/documents/abc/, abc",
            "/documents/x-1?y=2, x-1",
    })
    void aDocumentUrlGivesItsId(String url, String id) {
        assertThat(DwollaErrors.documentIdOf(url)).contains(new DocumentId(id));
    }

    @ParameterizedTest
    @CsvSource({"string", "https://api.dwolla.com/customers/abc", "https://api.dwolla.com/documents/",
            "https://api.dwolla.com/documents/a%20b", "''"})
    void anythingElseIsNoDocumentId(String url) {
        assertThat(DwollaErrors.documentIdOf(url)).isEmpty();
    }
}
