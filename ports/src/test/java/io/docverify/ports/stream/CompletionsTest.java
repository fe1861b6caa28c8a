package io.docverify.ports.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CompletionsTest {
    private static final DocumentException REFUSAL =
            DocumentError.of(ErrorCode.NOT_FOUND, "gone").toException();

    @Test
    void aFailureWithoutWrapperIsReturnedAsItIs() {
        assertThat(Completions.unwrap(REFUSAL)).isSameAs(REFUSAL);
    }

    @Test
    void nullIsReturnedAsItIs() {
        assertThat(Completions.unwrap(null)).isNull();
    }

    @Test
    void aCompletionExceptionIsUnwrappedToItsCause() {
        assertThat(Completions.unwrap(new CompletionException(REFUSAL))).isSameAs(REFUSAL);
    }

    @Test
    void anExecutionExceptionIsUnwrappedToItsCause() {
        assertThat(Completions.unwrap(new ExecutionException(REFUSAL))).isSameAs(REFUSAL);
    }

    @Test
    void nestedWrappersAreAllUnwrapped() {
        var nested = new CompletionException(new ExecutionException(new CompletionException(REFUSAL)));
        assertThat(Completions.unwrap(nested)).isSameAs(REFUSAL);
    }

    @Test
    void aWrapperWithoutCauseIsReturnedAsItIs() {
        var bare = new CompletionException("no cause", null);
        assertThat(Completions.unwrap(bare)).isSameAs(bare);
    }

    @Test
    void anotherWrapperIsNotLookedUnder() {
        var other = new UncheckedIOException(new java.io.IOException("disk"));
        assertThat(Completions.unwrap(other)).isSameAs(other);
    }

    @Test
    void whatJoinThrowsIsUnwrappedToWhatTheStageFailedWith() {
        CompletableFuture<Object> failed = CompletableFuture.failedFuture(REFUSAL);
        Throwable thrown = catchThrowable(() -> failed.thenApply(v -> v).join());
        assertThat(thrown).isInstanceOf(CompletionException.class);
        assertThat(Completions.unwrap(thrown)).isSameAs(REFUSAL);
    }

    @Test
    void whatGetThrowsIsUnwrappedToWhatTheStageFailedWith() {
        CompletableFuture<Object> failed = CompletableFuture.failedFuture(REFUSAL);
        Throwable thrown = catchThrowable(() -> failed.thenApply(v -> v).get());
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(Completions.unwrap(thrown)).isSameAs(REFUSAL);
    }
}
