package io.docverify.adapter.inmemory;

import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.domain.upload.Fingerprint;
import java.util.Map;
import java.util.Optional;

/**
 * Dwolla's two published sandbox sample images, recognised by their SHA-256 (Dwolla asks to keep "the size,
 * format, and name of the image the same"; the bytes are what docverify can check). The success image is
 * accepted; the fail image is rejected with {@code ScanNotUploaded} ("the image is not an ID"), a reason that
 * leaves the customer in {@code document} so the next upload can be tried. Dwolla does not publish which reason
 * its fail image gives.
 */
public final class SandboxImages {
    /** SHA-256 of {@code test-document-upload-success.png}. */
    public static final Fingerprint SUCCESS =
            new Fingerprint("09b0a717c6a92a1e510ece276a859248c73f3e39d2e9b031768f6585cc525586");
    /** SHA-256 of {@code test-document-upload-fail.png}. */
    public static final Fingerprint FAIL =
            new Fingerprint("bb8eff80ab107c6b6211f5b7860bc3eadf4b029a8d47a892f68d68ad427e2daf");

    private static final Map<Fingerprint, ReviewDecision> DECISIONS = Map.of(
            SUCCESS, ReviewDecision.accept(),
            FAIL, ReviewDecision.reject(KnownFailureReason.SCAN_NOT_UPLOADED));

    private SandboxImages() {
    }

    /** The review a sample image triggers, if the file is one of them. */
    public static Optional<ReviewDecision> decisionFor(Fingerprint fingerprint) {
        return Optional.ofNullable(DECISIONS.get(fingerprint));
    }
}
