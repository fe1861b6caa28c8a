package io.docverify.ports.stream;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place that looks under the wrappers {@link java.util.concurrent.CompletableFuture} puts around a failure.
 * Every module that inspects a failed stage ({@code join()}, {@code get()}, {@code whenComplete}) asks here.
 */
public final class Completions {
    private Completions() {
    }

    /**
     * The failure under any {@link CompletionException} and {@link ExecutionException} layers (a wrapper without
     * a cause is returned as it is); any other throwable, and {@code null}, as it is.
     *
     * <p>Both wrappers, at any depth: {@code join()} and dependent stages wrap in a {@code CompletionException},
     * {@code get()} in an {@code ExecutionException}, and a stage that rethrows what a {@code get()} threw nests
     * one in the other. What a caller classifies is always the failure underneath.
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
