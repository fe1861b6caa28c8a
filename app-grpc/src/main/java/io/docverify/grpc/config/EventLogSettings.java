package io.docverify.grpc.config;

import io.docverify.application.ServiceEventLog;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What {@code WatchEvents}' log keeps and how far one stream may fall behind: the {@code DOCVERIFY_EVENTS_*}
 * settings, read into {@link ServiceEventLog.Settings}.
 *
 * <ul>
 *   <li>{@code DOCVERIFY_EVENTS_MAX}: events kept at most, default 10000 (1 to 1000000); the oldest go first;</li>
 *   <li>{@code DOCVERIFY_EVENTS_RETENTION}: how long an event is kept at most, default 24h;</li>
 *   <li>{@code DOCVERIFY_EVENTS_STREAM_QUEUE}: events one stream may have waiting before it is ended with
 *       RESOURCE_EXHAUSTED, default 1000.</li>
 * </ul>
 */
public final class EventLogSettings {
    static final String MAX = "DOCVERIFY_EVENTS_MAX";
    static final String RETENTION = "DOCVERIFY_EVENTS_RETENTION";
    static final String STREAM_QUEUE = "DOCVERIFY_EVENTS_STREAM_QUEUE";

    /** The settings read here. */
    static final Set<String> NAMES = Set.of(MAX, RETENTION, STREAM_QUEUE);

    private EventLogSettings() {
    }

    /** Reads the settings from already merged settings; every error names its setting. */
    public static ServiceEventLog.Settings read(Map<String, String> settings) {
        int max = ConfigReader.get(settings, MAX).map(v -> ConfigReader.integer(MAX, v))
                .orElse(ServiceEventLog.Settings.DEFAULT_MAX_EVENTS);
        Duration retention = ConfigReader.get(settings, RETENTION).map(v -> ConfigReader.duration(RETENTION, v))
                .orElse(ServiceEventLog.Settings.DEFAULT_RETENTION);
        int queue = ConfigReader.get(settings, STREAM_QUEUE).map(v -> ConfigReader.integer(STREAM_QUEUE, v))
                .orElse(ServiceEventLog.Settings.DEFAULT_STREAM_QUEUE);
        if (max < 1 || max > ServiceEventLog.Settings.MAX_EVENTS_LIMIT) {
            throw new ConfigException(MAX + " must be 1 to " + ServiceEventLog.Settings.MAX_EVENTS_LIMIT + ", not "
                    + max);
        }
        if (retention.isZero() || retention.isNegative()) {
            throw new ConfigException(RETENTION + " must be positive, not " + retention);
        }
        if (queue < 1) {
            throw new ConfigException(STREAM_QUEUE + " must be at least 1, not " + queue);
        }
        return new ServiceEventLog.Settings(max, retention, queue);
    }
}
