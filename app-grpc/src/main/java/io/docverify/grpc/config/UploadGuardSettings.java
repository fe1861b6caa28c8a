package io.docverify.grpc.config;

import java.util.Map;
import java.util.Set;

/**
 * The limits that keep slow, idle or chatty uploads from holding the service's upload slots: every
 * {@code DOCVERIFY_UPLOAD_*} guard setting other than {@code DOCVERIFY_UPLOAD_TIMEOUT} and
 * {@code DOCVERIFY_MAX_CONCURRENT_UPLOADS}, which {@link ServiceConfig} keeps for compatibility.
 */
public record UploadGuardSettings() {
    /** The settings read here. */
    static final Set<String> NAMES = Set.of();

    /** The defaults. */
    public static UploadGuardSettings defaults() {
        return read(Map.of());
    }

    /** Reads the settings from already merged settings; every error names its setting. */
    static UploadGuardSettings read(Map<String, String> settings) {
        return new UploadGuardSettings();
    }
}
