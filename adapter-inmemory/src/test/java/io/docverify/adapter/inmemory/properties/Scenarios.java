package io.docverify.adapter.inmemory.properties;

import static org.quicktheories.generators.SourceDSL.lists;

import io.docverify.adapter.inmemory.properties.Action.Decision;
import io.docverify.adapter.inmemory.properties.Action.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of scenarios: numbered lists of uploads, reviews and owner moves. Weights keep the
 * scenarios interesting (most uploads are valid files for owners that may upload, most reviews name a file
 * that was probably uploaded, owners are often moved back to {@code document}); every generator shrinks toward
 * its first, simplest choice, so a counterexample shrinks to a short story.
 */
final class Scenarios {
    /** A reason code Dwolla may add one day; docverify must keep it as it came. */
    static final String UNKNOWN_REASON = "ScanSelfieMismatch";
    /** A document type Dwolla does not have. */
    static final String UNKNOWN_TYPE = "selfie";

    /** Valid images well under the limit: six, so an owner can reach the limit of four pending and more. */
    private static final List<TestFile> SMALL_IMAGES = List.of(TestFile.PNG_1, TestFile.JPEG_2, TestFile.PNG_3,
            TestFile.JPEG_4, TestFile.PNG_5, TestFile.JPEG_6);

    private static final int SKIPPED_PERCENT = 10;

    private Scenarios() {
    }

    /**
     * Scenarios of one to {@code maxSteps} steps over every rule: all owners (including one that may never
     * upload and one that does not exist), all files (PDF, at and over the size limit, wrong kinds, empty,
     * Dwolla's sample images), all types, reasons and statuses.
     */
    static Gen<List<Step>> everyRule(int maxSteps) {
        Gen<OwnerRef> owners = weighted(List.of(Pair.of(4, one(OwnerRef.PERSONAL)),
                Pair.of(3, one(OwnerRef.BUSINESS)), Pair.of(3, one(OwnerRef.BENEFICIAL_OWNER)),
                Pair.of(1, one(OwnerRef.RECEIVE_ONLY)), Pair.of(1, one(OwnerRef.GHOST))));
        Gen<TestFile> uploads = weighted(List.of(
                Pair.of(10, Generate.pick(SMALL_IMAGES)),
                Pair.of(2, Generate.pick(List.of(TestFile.PDF_7, TestFile.PDF_8))),
                Pair.of(2, Generate.pick(List.of(TestFile.PNG_AT_LIMIT_9, TestFile.JPEG_OVER_LIMIT_10))),
                Pair.of(2, Generate.pick(List.of(TestFile.GIF_11, TestFile.TINY_12, TestFile.EMPTY_13))),
                Pair.of(1, Generate.pick(List.of(TestFile.SANDBOX_SUCCESS, TestFile.SANDBOX_FAIL)))));
        // Mostly files that can become documents, so that reviews often find one.
        Gen<TestFile> reviews = weighted(List.of(
                Pair.of(8, Generate.pick(SMALL_IMAGES)),
                Pair.of(2, Generate.pick(List.of(TestFile.PDF_7, TestFile.PNG_AT_LIMIT_9))),
                Pair.of(1, Generate.pick(List.of(TestFile.GIF_11, TestFile.SANDBOX_SUCCESS)))));
        return scenarios(1, maxSteps, owners, uploads, reviews, 6);
    }

    /**
     * Short scenarios that fight over little: two owners and two files, so concurrent steps often touch the
     * same owner and the same document. Without Dwolla's sample images (see {@link ParallelModelTest}).
     */
    static Gen<List<Step>> contended(int maxSteps) {
        Gen<OwnerRef> owners = weighted(List.of(Pair.of(2, one(OwnerRef.PERSONAL)),
                Pair.of(1, one(OwnerRef.BENEFICIAL_OWNER))));
        Gen<TestFile> files = Generate.pick(List.of(TestFile.PNG_1, TestFile.JPEG_2));
        return scenarios(2, maxSteps, owners, files, files, 4);
    }

    private static Gen<List<Step>> scenarios(int min, int max, Gen<OwnerRef> owners, Gen<TestFile> uploads,
            Gen<TestFile> reviews, int uploadWeight) {
        Gen<Action> upload = owners.zip(types(), uploads, Action.Upload::new);
        Gen<Action> review = owners.zip(reviews, decisions(), Action.Review::new);
        Gen<Action> move = owners.zip(statuses(), Action.Move::new);
        Gen<Action> action = weighted(List.of(Pair.of(uploadWeight, upload), Pair.of(4, review), Pair.of(2, move)));
        // Each slot may be empty, and shrinking drives slots toward empty: the steps that do not matter to a
        // failure disappear from the counterexample instead of shrinking into noise.
        return lists().of(action.toOptionals(SKIPPED_PERCENT)).ofSizeBetween(min, max)
                .map(slots -> Step.number(slots.stream().flatMap(Optional::stream).toList()))
                .describedAs(Scenarios::story);
    }

    /** A scenario as numbered lines. */
    static String story(List<Step> steps) {
        var lines = new StringBuilder();
        steps.forEach(s -> lines.append("\n  ").append(s));
        return lines.toString();
    }

    static Gen<String> types() {
        return weighted(List.of(Pair.of(3, one("passport")), Pair.of(2, one("license")),
                Pair.of(2, one("idCard")), Pair.of(4, one("other")), Pair.of(1, one(UNKNOWN_TYPE))));
    }

    static Gen<Decision> decisions() {
        var reasons = new ArrayList<>(DwollaModel.KNOWN_REASONS);
        reasons.add(UNKNOWN_REASON);
        Gen<Decision> reject = lists().of(Generate.pick(reasons)).ofSizeBetween(1, 3)
                .map(codes -> new Decision(codes.stream().distinct().toList()));
        return weighted(List.of(Pair.of(2, one(Decision.accept())), Pair.of(3, reject)));
    }

    static Gen<Status> statuses() {
        Gen<Status> customer = Generate.pick(DwollaModel.CUSTOMER_STATUSES).map(w -> new Status(true, w));
        Gen<Status> beneficialOwner =
                Generate.pick(DwollaModel.BENEFICIAL_OWNER_STATUSES).map(w -> new Status(false, w));
        return weighted(List.of(Pair.of(4, one(new Status(true, "document"))),
                Pair.of(3, one(new Status(false, "document"))), Pair.of(2, customer), Pair.of(2, beneficialOwner)));
    }

    private static <T> Gen<T> one(T value) {
        return Generate.constant(value);
    }

    private static <T> Gen<T> weighted(List<Pair<Integer, Gen<T>>> choices) {
        return Generate.frequency(choices);
    }
}
