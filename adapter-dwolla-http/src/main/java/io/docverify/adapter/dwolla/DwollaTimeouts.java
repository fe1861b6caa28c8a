package io.docverify.adapter.dwolla;

import java.time.Duration;

/**
 * The time limits of the Dwolla adapter (Resilience4j's {@code TimeLimiterConfig} per kind of call, and Vert.x's
 * connect limit). Errors name the knob as {@link DwollaConfig.Builder} does.
 *
 * @param connect TCP/TLS connect time limit ({@code connectTimeout}, {@code CONNECT_TIMEOUT}; default 5 s)
 * @param read    time limit of one attempt of a read: token, get, list ({@code readTimeout}, {@code READ_TIMEOUT};
 *                default 10 s)
 * @param upload  time limit of one attempt of an upload: create ({@code uploadTimeout}, {@code UPLOAD_TIMEOUT};
 *                default 60 s)
 */
public record DwollaTimeouts(Duration connect, Duration read, Duration upload) {
    /** The documented defaults. */
    public static final DwollaTimeouts DEFAULTS =
            new DwollaTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60));

    public DwollaTimeouts {
        ConfigChecks.positive(connect, "connectTimeout");
        ConfigChecks.positive(read, "readTimeout");
        ConfigChecks.positive(upload, "uploadTimeout");
    }
}
