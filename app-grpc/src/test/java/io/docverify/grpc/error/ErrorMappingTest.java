package io.docverify.grpc.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.docverify.domain.DocumentId;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.domain.upload.UploadRules;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMappingTest {

    /** The table as the README documents it; the issue fixes the first rows. */
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(ErrorCode.NOT_FOUND, Status.Code.NOT_FOUND),
                Arguments.of(ErrorCode.INVALID_RESOURCE_STATE, Status.Code.FAILED_PRECONDITION),
                Arguments.of(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES, Status.Code.RESOURCE_EXHAUSTED),
                Arguments.of(ErrorCode.INVALID_FILE_TYPE, Status.Code.INVALID_ARGUMENT),
                Arguments.of(ErrorCode.FILE_TOO_LARGE, Status.Code.INVALID_ARGUMENT),
                Arguments.of(ErrorCode.VALIDATION_ERROR, Status.Code.INVALID_ARGUMENT),
                Arguments.of(ErrorCode.DUPLICATE_RESOURCE, Status.Code.ALREADY_EXISTS),
                Arguments.of(ErrorCode.NOT_AUTHORIZED, Status.Code.PERMISSION_DENIED),
                Arguments.of(ErrorCode.SERVICE_UNAVAILABLE, Status.Code.UNAVAILABLE),
                Arguments.of(ErrorCode.REQUEST_TIMEOUT, Status.Code.DEADLINE_EXCEEDED),
                Arguments.of(ErrorCode.FORBIDDEN, Status.Code.PERMISSION_DENIED),
                Arguments.of(ErrorCode.BAD_REQUEST, Status.Code.INVALID_ARGUMENT),
                Arguments.of(ErrorCode.CONFLICT, Status.Code.ABORTED),
                Arguments.of(ErrorCode.TOO_MANY_REQUESTS, Status.Code.RESOURCE_EXHAUSTED),
                Arguments.of(ErrorCode.IDEMPOTENCY_KEY_REUSED, Status.Code.INVALID_ARGUMENT),
                Arguments.of(ErrorCode.PROTOCOL_ERROR, Status.Code.INTERNAL),
                Arguments.of(ErrorCode.UNSUPPORTED_REQUEST_CONTENT_TYPE, Status.Code.INTERNAL),
                Arguments.of(ErrorCode.INVALID_CREDENTIALS, Status.Code.INTERNAL),
                Arguments.of(ErrorCode.INVALID_ACCESS_TOKEN, Status.Code.INTERNAL),
                Arguments.of(ErrorCode.EXPIRED_ACCESS_TOKEN, Status.Code.UNAVAILABLE),
                Arguments.of(ErrorCode.SERVER_ERROR, Status.Code.UNAVAILABLE),
                Arguments.of(ErrorCode.UNKNOWN, Status.Code.UNKNOWN));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rows")
    void eachCodeMapsToItsStatusWithTheDwollaCodeAsReason(ErrorCode code, Status.Code expected) {
        StatusRuntimeException e = ErrorMapping.toStatusException(DocumentError.of(code, "message of " + code));

        assertThat(e.getStatus().getCode()).isEqualTo(expected);
        assertThat(e.getStatus().getDescription()).isEqualTo("message of " + code);
        ErrorInfo info = info(e);
        assertThat(info.getReason()).isEqualTo(code.wire());
        assertThat(info.getDomain()).isEqualTo("docverify");
    }

    @Test
    void theTableHasARowForEveryErrorCodeAndTheTestListsThemAll() {
        assertThat(ErrorMapping.TABLE).containsOnlyKeys(ErrorCode.values());
        assertThat(rows().map(a -> a.get()[0])).containsExactlyInAnyOrder((Object[]) ErrorCode.values());
        rows().forEach(a -> assertThat(ErrorMapping.statusCode((ErrorCode) a.get()[0])).isEqualTo(a.get()[1]));
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void noDocverifyErrorBlamesTheCallersCredentials(ErrorCode code) {
        assertThat(ErrorMapping.statusCode(code)).isNotIn(Status.Code.UNAUTHENTICATED, Status.Code.OK);
    }

    @Test
    void aValidationErrorNamesItsFieldsInMetadataAndABadRequestDetail() {
        var error = new DocumentError(ErrorCode.VALIDATION_ERROR, "ValidationError", "Validation error(s) present.",
                List.of(new FieldError(FieldError.REQUIRED, "DocumentType required.", "/documentType"),
                        new FieldError(FieldError.INVALID, "Bad name.", "/file")),
                Optional.empty());

        StatusRuntimeException e = ErrorMapping.toStatusException(error);

        assertThat(e.getStatus().getDescription()).contains("/documentType: DocumentType required.")
                .contains("/file: Bad name.");
        assertThat(info(e).getMetadataMap()).containsEntry("fieldPaths", "/documentType,/file");
        BadRequest badRequest = detail(e, BadRequest.class);
        assertThat(badRequest.getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField)
                .containsExactly("/documentType", "/file");
    }

    @Test
    void aDuplicateLinksTheExistingDocument() {
        StatusRuntimeException e = ErrorMapping.toStatusException(DocumentError.duplicate(new DocumentId("doc-1")));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(info(e).getMetadataMap()).containsEntry("existingDocumentId", "doc-1");
    }

    @Test
    void aRefusalByANamedRuleNamesItInTheMetadata() {
        var refusal = UploadRules.fileWithinSizeLimit(UploadLimits.TEN_MIB + 1, UploadLimits.DWOLLA).orElseThrow();

        assertThat(info(ErrorMapping.toStatusException(refusal)).getMetadataMap())
                .containsEntry("rule", "fileWithinSizeLimit");
    }

    @Test
    void aRefusalWhoseRuleIsUnknownHasNoRuleMetadata() {
        var fromDwolla = DocumentError.of(ErrorCode.FILE_TOO_LARGE, "Document requests are limited to 10 MiB.");

        assertThat(info(ErrorMapping.toStatusException(fromDwolla)).getMetadataMap()).doesNotContainKey("rule");
    }

    @Test
    void anUnknownDwollaCodeIsKeptAsTheReason() {
        var error = new DocumentError(ErrorCode.UNKNOWN, "BrandNewCode", "Something new.", List.of(),
                Optional.empty());

        StatusRuntimeException e = ErrorMapping.toStatusException(error);

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
        assertThat(info(e).getReason()).isEqualTo("BrandNewCode");
        assertThat(info(e).getMetadataMap()).doesNotContainKey("dwollaCode");
    }

    @Test
    void aKnownCodeInAnotherSpellingGetsTheCanonicalReasonAndKeepsDwollasSpelling() {
        var error = new DocumentError(ErrorCode.NOT_FOUND, "NotFound", "Not found.", List.of(), Optional.empty());

        ErrorInfo info = info(ErrorMapping.toStatusException(error));

        assertThat(info.getReason()).isEqualTo("notFound");
        assertThat(info.getMetadataMap()).containsEntry("dwollaCode", "NotFound");
    }

    @Test
    void aWrappedDocumentExceptionIsUnwrapped() {
        var wrapped = new CompletionException(DocumentError.of(ErrorCode.NOT_FOUND, "gone").toException());

        StatusRuntimeException e = ErrorMapping.toStatusException(wrapped);

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(ErrorMapping.isUnexpected(wrapped)).isFalse();
    }

    @Test
    void anUnexpectedFailureIsInternalAndLeaksNothing() {
        var bug = new IllegalStateException("secret detail of customer c-1");

        StatusRuntimeException e = ErrorMapping.toStatusException(new CompletionException(bug));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(e.getStatus().getDescription()).isEqualTo("internal error");
        assertThat(StatusProto.fromThrowable(e).getDetailsList()).isEmpty();
        assertThat(ErrorMapping.isUnexpected(bug)).isTrue();
    }

    @Test
    void aGrpcErrorPassesThroughUnchanged() {
        StatusRuntimeException original = Status.CANCELLED.withDescription("client went away").asRuntimeException();

        assertThat(ErrorMapping.toStatusException(original)).isSameAs(original);
    }

    private static ErrorInfo info(StatusRuntimeException e) {
        return detail(e, ErrorInfo.class);
    }

    private static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException e, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        assertThat(status.getCode()).isEqualTo(e.getStatus().getCode().value());
        return status.getDetailsList().stream().filter(a -> a.is(type)).findFirst().map(a -> {
            try {
                return a.unpack(type);
            } catch (InvalidProtocolBufferException ex) {
                throw new AssertionError(ex);
            }
        }).orElseThrow(() -> new AssertionError("no " + type.getSimpleName()));
    }
}
