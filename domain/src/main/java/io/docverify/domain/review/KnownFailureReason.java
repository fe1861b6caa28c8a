package io.docverify.domain.review;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Dwolla's catalogue of document failure reasons: the twelve that Dwolla's documents index lists, with the long
 * descriptions that the API's JSON examples carry and the effect on a customer that Dwolla's verification
 * guides give. Dwolla adds reasons over time; a reason not listed here is kept as a {@link FailureReason} with
 * its original code.
 */
public enum KnownFailureReason {
    BUSINESS_DOC_NOT_SUPPORTED("BusinessDocNotSupported", "Business document not supported",
            OwnerEffect.STAYS_IN_DOCUMENT),
    BUSINESS_NAME_MISMATCH("BusinessNameMismatch", "Business name on account does not match document",
            OwnerEffect.RETRY),
    BUSINESS_TYPE_MISMATCH("BusinessTypeMismatch", "Business type chosen does not match document",
            OwnerEffect.RETRY),
    FOREIGN_PASSPORT_NOT_ALLOWED("ForeignPassportNotAllowed",
            "The passport's country of origin was not the United States of America",
            OwnerEffect.STAYS_IN_DOCUMENT),
    SCAN_DOB_MISMATCH("ScanDobMismatch", "Scan DOB does not match DOB on account", OwnerEffect.RETRY),
    SCAN_FAILED_OTHER("ScanFailedOther", "ID may be fraudulent or a generic example ID image", OwnerEffect.SUSPEND),
    SCAN_ID_EXPIRED("ScanIdExpired", "ID is expired or missing expiration date", OwnerEffect.STAYS_IN_DOCUMENT),
    SCAN_ID_TYPE_NOT_SUPPORTED("ScanIdTypeNotSupported",
            "ID may be a military ID, firearm license, or other unsupported ID type", OwnerEffect.STAYS_IN_DOCUMENT),
    SCAN_ID_UNRECOGNIZED("ScanIdUnrecognized", "ID is not recognized", OwnerEffect.STAYS_IN_DOCUMENT),
    SCAN_NAME_MISMATCH("ScanNameMismatch", "Scan name does not match name on account", OwnerEffect.RETRY),
    SCAN_NOT_READABLE("ScanNotReadable", "Image blurry, too dark, or obscured by glare",
            OwnerEffect.STAYS_IN_DOCUMENT),
    SCAN_NOT_UPLOADED("ScanNotUploaded", "Scan not uploaded", OwnerEffect.STAYS_IN_DOCUMENT);

    private static final Map<String, KnownFailureReason> BY_CODE = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(r -> r.code.toLowerCase(Locale.ROOT), Function.identity()));

    private final String code;
    private final String description;
    private final OwnerEffect customerEffect;

    KnownFailureReason(String code, String description, OwnerEffect customerEffect) {
        this.code = code;
        this.description = description;
        this.customerEffect = customerEffect;
    }

    /** Dwolla's code, e.g. {@code ScanDobMismatch}. */
    public String code() {
        return code;
    }

    /** Dwolla's long description. */
    public String description() {
        return description;
    }

    /** What a rejection for this reason does to a customer in {@code document} status. */
    public OwnerEffect customerEffect() {
        return customerEffect;
    }

    /** This reason with its catalogue description. */
    public FailureReason reason() {
        return new FailureReason(code, description);
    }

    /** The catalogue entry for a code, compared case-insensitively. */
    public static Optional<KnownFailureReason> fromCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code.toLowerCase(Locale.ROOT)));
    }
}
