package io.docverify.adapter.dwolla;

/**
 * How many uploads the Dwolla adapter holds and sends at once (Resilience4j's {@code BulkheadConfig}, no waiting).
 * Errors name the knob as {@link DwollaConfig.Builder} does.
 *
 * @param maxConcurrentUploads uploads held in memory and sent at the same time (each holds at most one copy of its
 *                             file, up to 10 MiB); more are refused at once with {@code TooManyRequests}
 *                             ({@code MAX_CONCURRENT_UPLOADS}; default 16)
 */
public record DwollaBulkhead(int maxConcurrentUploads) {
    /** The documented defaults. */
    public static final DwollaBulkhead DEFAULTS = new DwollaBulkhead(16);

    public DwollaBulkhead {
        ConfigChecks.atLeastOne(maxConcurrentUploads, "maxConcurrentUploads");
    }
}
