package io.docverify.grpc.config;

import java.util.Locale;

/** Which document provider the service runs on. */
public enum BackendKind {
    /** The offline Dwolla stand-in with sandbox controls; no credentials needed. The default. */
    INMEMORY("inmemory"),
    /** Dwolla's API (sandbox or production), with a key and secret. */
    DWOLLA("dwolla");

    private final String setting;

    BackendKind(String setting) {
        this.setting = setting;
    }

    /** The name used in configuration. */
    public String setting() {
        return setting;
    }

    static BackendKind parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (BackendKind kind : values()) {
            if (kind.setting.equals(wanted)) {
                return kind;
            }
        }
        throw new ConfigException("DOCVERIFY_BACKEND must be 'inmemory' or 'dwolla', not '" + value + "'");
    }
}
