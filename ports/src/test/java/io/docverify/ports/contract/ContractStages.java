package io.docverify.ports.contract;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Waiting on a store's stages in the contracts: at most ten seconds, failures unwrapped. */
final class ContractStages {
    private ContractStages() {
    }

    /** The stage's value, waiting at most ten seconds. */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the store's stage did not complete normally", e);
        }
    }

    /**
     * How {@code call} failed: thrown at once, or as its stage's failure (an implementation may do either for bad
     * arguments). An error when it did not fail.
     */
    static Throwable failure(Supplier<? extends CompletionStage<?>> call) {
        CompletionStage<?> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            return e;
        }
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the store's stage did not complete", e);
        }
        throw new AssertionError("expected the call to fail, it succeeded");
    }
}
