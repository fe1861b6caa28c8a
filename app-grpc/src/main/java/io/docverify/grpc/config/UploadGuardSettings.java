package io.docverify.grpc.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The limits that keep slow, idle or chatty uploads from holding the service's upload slots: every
 * {@code DOCVERIFY_UPLOAD_*} guard setting other than {@code DOCVERIFY_UPLOAD_TIMEOUT} and
 * {@code DOCVERIFY_MAX_CONCURRENT_UPLOADS}, which {@link ServiceConfig} keeps for compatibility.
 *
 * <p>The clocks of the idle limit and the minimum rate run only while the server is waiting for the client's next
 * message: time in which the server itself holds the stream back (its flow control, a slow backend) is never
 * counted against the client.
 *
 * @param firstMessageTimeout {@code DOCVERIFY_UPLOAD_FIRST_MESSAGE_TIMEOUT}: how long a call may take to send its
 *                            metadata, default 10s; a call takes no upload slot before it; 0: no limit
 * @param idleTimeout         {@code DOCVERIFY_UPLOAD_IDLE_TIMEOUT}: how long the server waits for the next message,
 *                            default 30s; 0: no limit
 * @param minBytesPerSecond   {@code DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND}: the least average rate of file bytes once
 *                            the grace has passed, default 4096; 0: no minimum
 * @param minRateGrace        {@code DOCVERIFY_UPLOAD_MIN_RATE_GRACE}: how long after the metadata the minimum rate
 *                            starts to apply, default 10s
 * @param maxMessages         {@code DOCVERIFY_UPLOAD_MAX_MESSAGES}: messages of one upload stream in all (metadata,
 *                            chunks, finish), default 4096
 * @param maxUploadsPerKey    {@code DOCVERIFY_MAX_UPLOADS_PER_KEY}: upload slots one API key may hold at once;
 *                            unset: every slot when one key may upload, otherwise half of them (rounded up)
 */
public record UploadGuardSettings(Duration firstMessageTimeout, Duration idleTimeout, int minBytesPerSecond,
        Duration minRateGrace, int maxMessages, OptionalInt maxUploadsPerKey) {
    static final String FIRST_MESSAGE_TIMEOUT = "DOCVERIFY_UPLOAD_FIRST_MESSAGE_TIMEOUT";
    static final String IDLE_TIMEOUT = "DOCVERIFY_UPLOAD_IDLE_TIMEOUT";
    static final String MIN_BYTES_PER_SECOND = "DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND";
    static final String MIN_RATE_GRACE = "DOCVERIFY_UPLOAD_MIN_RATE_GRACE";
    static final String MAX_MESSAGES = "DOCVERIFY_UPLOAD_MAX_MESSAGES";
    static final String MAX_UPLOADS_PER_KEY = "DOCVERIFY_MAX_UPLOADS_PER_KEY";

    /** The settings read here. */
    static final Set<String> NAMES = Set.of(FIRST_MESSAGE_TIMEOUT, IDLE_TIMEOUT, MIN_BYTES_PER_SECOND,
            MIN_RATE_GRACE, MAX_MESSAGES, MAX_UPLOADS_PER_KEY);

    /** Fewest messages an upload needs: the metadata, one chunk, the finish message. */
    public static final int MIN_MESSAGES = 3;

    public UploadGuardSettings {
        Objects.requireNonNull(firstMessageTimeout, "firstMessageTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(minRateGrace, "minRateGrace");
        Objects.requireNonNull(maxUploadsPerKey, "maxUploadsPerKey");
        if (minBytesPerSecond < 0) {
            throw new ConfigException(MIN_BYTES_PER_SECOND + " must be 0 (no minimum) or more, not "
                    + minBytesPerSecond);
        }
        if (maxMessages < MIN_MESSAGES) {
            throw new ConfigException(MAX_MESSAGES + " must be at least " + MIN_MESSAGES
                    + " (the metadata, a chunk and the finish message), not " + maxMessages);
        }
        if (maxUploadsPerKey.isPresent() && maxUploadsPerKey.getAsInt() < 1) {
            throw new ConfigException(MAX_UPLOADS_PER_KEY + " must be at least 1, not "
                    + maxUploadsPerKey.getAsInt());
        }
    }

    /** The defaults. */
    public static UploadGuardSettings defaults() {
        return read(Map.of());
    }

    /** Reads the settings from already merged settings; every error names its setting. */
    static UploadGuardSettings read(Map<String, String> settings) {
        return new UploadGuardSettings(
                duration(settings, FIRST_MESSAGE_TIMEOUT, Duration.ofSeconds(10)),
                duration(settings, IDLE_TIMEOUT, Duration.ofSeconds(30)),
                ConfigReader.get(settings, MIN_BYTES_PER_SECOND).map(v -> ConfigReader.integer(MIN_BYTES_PER_SECOND, v))
                        .orElse(4096),
                duration(settings, MIN_RATE_GRACE, Duration.ofSeconds(10)),
                ConfigReader.get(settings, MAX_MESSAGES).map(v -> ConfigReader.integer(MAX_MESSAGES, v))
                        .orElse(4096),
                ConfigReader.get(settings, MAX_UPLOADS_PER_KEY)
                        .map(v -> OptionalInt.of(ConfigReader.integer(MAX_UPLOADS_PER_KEY, v)))
                        .orElse(OptionalInt.empty()));
    }

    private static Duration duration(Map<String, String> settings, String name, Duration fallback) {
        return ConfigReader.get(settings, name).map(v -> ConfigReader.duration(name, v)).orElse(fallback);
    }
}
