package io.docverify.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.error.DocumentException;
import io.docverify.ports.stream.Completions;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Waiting for stages in tests, with failures unwrapped to the {@link DocumentException} they carry. */
final class Stages {
    private Stages() {
    }

    /** The stage's value; its failure rethrown unwrapped. Waits at most ten seconds. */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            if (Completions.unwrap(e) instanceof RuntimeException cause) {
                throw cause;
            }
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The refusal a stage failed with; fails the test if the stage succeeded or failed otherwise. */
    static DocumentException refusal(CompletionStage<?> stage) {
        try {
            Object value = await(stage);
            throw new AssertionError("expected a refusal, got " + value);
        } catch (DocumentException e) {
            return e;
        }
    }

    /** Asserts that the stage has already failed, without waiting. */
    static DocumentException refusedAtOnce(CompletionStage<?> stage) {
        assertThat(stage.toCompletableFuture()).as("failed without waiting").isCompletedExceptionally();
        return refusal(stage);
    }
}
