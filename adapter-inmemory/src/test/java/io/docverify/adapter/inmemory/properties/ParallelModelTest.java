package io.docverify.adapter.inmemory.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.stateful.Parallel;

/**
 * The same scenarios, short ones, run concurrently from two to four threads against a fresh in-memory Dwolla
 * (QuickTheories' {@code Parallel}: it first runs them in order against the model, then concurrently, and the
 * end state must be one that some order of the steps reaches in the model). The end state includes every step's
 * answer and the multiset of events, so a lost upload, a review applied twice, a fifth pending document or a
 * missing event all make the end state unreachable.
 *
 * <p>Dwolla's sandbox sample images are left out: with a zero review delay their automatic review is a second
 * change right after the upload, which another thread may interleave with (an owner move in between), so the
 * upload is not one step that the model could place in an order.
 *
 * <p>Replay a failure with {@code -DQT_SEED=<the printed seed>} (see {@link StatefulModelTest}); the thread
 * interleaving itself cannot be replayed, so a seed may need a few runs.
 */
class ParallelModelTest {
    /** Examples per run; each enumerates up to 6! orders of its steps. */
    static final int EXAMPLES = 200;
    /** Parallel enumerates every permutation, so scenarios stay short. */
    static final int MAX_STEPS = 6;
    static final int SHRINK_CYCLES = 500;

    @Test
    void stepsRunConcurrentlyEndInAStateThatSomeSequentialOrderReachesInTheModel() {
        var coverage = new Coverage();
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES)
                .forAll(Scenarios.contended(MAX_STEPS), integers().between(2, 4))
                .checkAssert((steps, threads) -> {
                    try (var harnesses = new Harnesses()) {
                        new Parallel(10, TimeUnit.SECONDS).parallelCheck(ModelState.initial(), steps,
                                harnesses::start, harness -> {
                                    ModelState state = harness.read();
                                    coverage.record(state);
                                    return state;
                                }, threads);
                    }
                });

        assertThat(coverage.missing(Set.of("ok", DwollaModel.NOT_FOUND, DwollaModel.INVALID_RESOURCE_STATE,
                DwollaModel.DUPLICATE_RESOURCE, "uploaded", "approved", "failed")))
                .as("rules the scenarios reached: %s", coverage)
                .isEmpty();
    }
}
