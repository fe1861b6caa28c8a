package io.docverify.grpc.config;

import java.util.Map;
import java.util.Set;

/**
 * The limits of the connection layer (HTTP/2 and TCP): what one connection may hold and how long connections that
 * do nothing are kept.
 */
public record ConnectionSettings() {
    /** The settings read here. */
    static final Set<String> NAMES = Set.of();

    /** The defaults. */
    public static ConnectionSettings defaults() {
        return read(Map.of());
    }

    /** Reads the settings from already merged settings; every error names its setting. */
    static ConnectionSettings read(Map<String, String> settings) {
        return new ConnectionSettings();
    }
}
