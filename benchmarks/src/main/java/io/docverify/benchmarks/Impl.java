package io.docverify.benchmarks;

import java.util.Locale;

/** What a benchmark measures: the bare grpc-java baseline, or docverify. */
public enum Impl {
    /** A bare grpc-java server: answers from a map, discards uploads. No interceptors, no backend. */
    BARE,
    /** The docverify service as {@code Main} builds it: in-memory backend, API keys, metrics. */
    DOCVERIFY;

    /** The JMH parameter value and the name in result lines. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Impl parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
