package io.docverify.domain.upload;

/**
 * Dwolla's numeric upload limits: the largest file ("Document requests are limited to 10 MiB") and the
 * number of documents an owner may have awaiting review ("Max of four files upload allowed. Please wait for
 * Dwolla to manually check the documents."). Dwolla does not say whether "four files" counts pending documents
 * or all documents; docverify counts documents still {@code pending} (the message asks to wait for review).
 */
public record UploadLimits(long maxFileBytes, int maxPendingPerOwner) {
    /** 10 MiB. */
    public static final long TEN_MIB = 10L * 1024 * 1024;
    /** Dwolla's limits: 10 MiB, four pending documents. */
    public static final UploadLimits DWOLLA = new UploadLimits(TEN_MIB, 4);

    public UploadLimits {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
        }
        if (maxPendingPerOwner < 1) {
            throw new IllegalArgumentException("maxPendingPerOwner must be positive: " + maxPendingPerOwner);
        }
    }
}
