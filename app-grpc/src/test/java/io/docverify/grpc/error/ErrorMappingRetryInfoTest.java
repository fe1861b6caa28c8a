package io.docverify.grpc.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorMappingRetryInfoTest {
    private static final Metadata.Key<String> PUSHBACK =
            Metadata.Key.of(ErrorMapping.PUSHBACK_TRAILER, Metadata.ASCII_STRING_MARSHALLER);

    /** The codes the issue names: TooManyRequests, Conflict, and every row whose status is UNAVAILABLE. */
    private static final Set<ErrorCode> RETRYABLE = Set.of(ErrorCode.TOO_MANY_REQUESTS, ErrorCode.CONFLICT,
            ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVER_ERROR, ErrorCode.EXPIRED_ACCESS_TOKEN);

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void exactlyTheRetryableCodesCarryRetryInfo(ErrorCode code) {
        StatusRuntimeException e = ErrorMapping.toStatusException(DocumentError.of(code, "m"));

        assertThat(retryInfo(e).isPresent()).as("RetryInfo on %s", code).isEqualTo(RETRYABLE.contains(code));
        assertThat(e.getTrailers().containsKey(PUSHBACK)).isEqualTo(RETRYABLE.contains(code));
        assertThat(ErrorMapping.retryable(code)).isEqualTo(RETRYABLE.contains(code));
    }

    @Test
    void theDelayIsTheErrorsRetryAfter() {
        var error = DocumentError.of(ErrorCode.TOO_MANY_REQUESTS, "slow down")
                .withRetryAfter(Optional.of(Duration.ofMillis(2500)));

        StatusRuntimeException e = ErrorMapping.toStatusException(error);

        var delay = retryInfo(e).orElseThrow().getRetryDelay();
        assertThat(delay.getSeconds()).isEqualTo(2);
        assertThat(delay.getNanos()).isEqualTo(500_000_000);
        assertThat(e.getTrailers().get(PUSHBACK)).isEqualTo("2500");
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void withoutRetryAfterTheDelayIsTheDefault() {
        StatusRuntimeException e = ErrorMapping.toStatusException(DocumentError.of(ErrorCode.CONFLICT, "busy"));

        assertThat(retryInfo(e).orElseThrow().getRetryDelay().getSeconds())
                .isEqualTo(ErrorMapping.DEFAULT_RETRY_DELAY.toSeconds());
    }

    private static Optional<RetryInfo> retryInfo(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream().filter(a -> a.is(RetryInfo.class))
                .findFirst().map(a -> {
                    try {
                        return a.unpack(RetryInfo.class);
                    } catch (InvalidProtocolBufferException ex) {
                        throw new AssertionError(ex);
                    }
                });
    }
}
