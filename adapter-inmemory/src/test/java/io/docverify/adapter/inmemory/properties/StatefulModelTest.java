package io.docverify.adapter.inmemory.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.stateful.Sequential;

/**
 * Random scenarios of uploads, reviews and owner moves, run step by step against the in-memory Dwolla and
 * against {@link DwollaModel}, an independent model of Dwolla's rules. After every step the adapter must be
 * where the model is (owners, documents, each step's answer, the events published), and the
 * {@link Invariants} must hold. A failure shrinks to a short numbered story such as
 * {@code #1 upload(personal#1, passport, file#1(png, 64 B))}, {@code #2 review(file#1(png, 64 B) of personal#1,
 * reject ScanDobMismatch)}.
 *
 * <p>Each run uses a new random seed; QuickTheories prints it with a failure. To replay a failure:
 * {@code ./mvnw -B -ntp -pl adapter-inmemory -am verify -Dtest=StatefulModelTest
 * -Dsurefire.failIfNoSpecifiedTests=false -DQT_SEED=<the printed seed>}.
 */
class StatefulModelTest {
    /** Examples per run: about 300 scenarios of up to 40 steps take a second or two here. */
    static final int EXAMPLES = 300;
    static final int MAX_STEPS = 40;
    /** Bounds the time a failure spends shrinking. */
    static final int SHRINK_CYCLES = 2_000;

    @Test
    void randomUploadsReviewsAndMovesLeaveTheAdapterWhereDwollasRulesSayAfterEveryStep() {
        var coverage = new Coverage();
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES)
                .forAll(Scenarios.everyRule(MAX_STEPS))
                .checkAssert(steps -> {
                    try (var harnesses = new Harnesses()) {
                        Sequential.modelCheck(ModelState.initial(), steps, harnesses::start, harness -> {
                            ModelState state = harness.read();
                            coverage.record(state);
                            return state;
                        });
                    }
                });

        // A property whose scenarios never reach a rule says nothing about it.
        assertThat(coverage.missing(Set.of("ok", DwollaModel.NOT_FOUND, DwollaModel.VALIDATION_ERROR,
                DwollaModel.INVALID_RESOURCE_STATE, DwollaModel.INVALID_FILE_TYPE, DwollaModel.FILE_TOO_LARGE,
                DwollaModel.MAXIMUM_NUMBER_OF_RESOURCES, DwollaModel.DUPLICATE_RESOURCE,
                "uploaded", "approved", "failed",
                "status ->verified", "status ->retry", "status ->suspended", "status ->document",
                "uploaded " + TestFile.PDF_7, "uploaded " + TestFile.PNG_AT_LIMIT_9,
                "uploaded " + TestFile.SANDBOX_SUCCESS, "uploaded " + TestFile.SANDBOX_FAIL)))
                .as("rules the scenarios reached: %s", coverage)
                .isEmpty();
    }
}
