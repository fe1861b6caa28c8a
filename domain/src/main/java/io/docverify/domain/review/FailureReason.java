package io.docverify.domain.review;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import java.util.Optional;

/**
 * One entry of a rejected document's {@code allFailureReasons}: Dwolla's reason code and its description.
 * The code is kept exactly as it came, so a reason Dwolla adds later survives a round trip.
 */
public record FailureReason(String reason, String description) {
    public FailureReason {
        if (reason == null || reason.isBlank()) {
            throw DocumentError.validation(FieldError.REQUIRED, "/failureReason", "A failure reason needs a code.")
                    .toException();
        }
        description = description == null ? "" : description;
    }

    /**
     * The reason for a code: a known code gets Dwolla's catalogue description, an unknown code is kept as it is
     * with an empty description.
     */
    public static FailureReason of(String code) {
        return KnownFailureReason.fromCode(code)
                .map(KnownFailureReason::reason)
                .orElseGet(() -> new FailureReason(code, ""));
    }

    /** The catalogue entry, if docverify knows this code. */
    public Optional<KnownFailureReason> known() {
        return KnownFailureReason.fromCode(reason);
    }

    /** The effect on a customer in {@code document}; an unknown reason leaves the customer waiting. */
    public OwnerEffect customerEffect() {
        return known().map(KnownFailureReason::customerEffect).orElse(OwnerEffect.STAYS_IN_DOCUMENT);
    }
}
