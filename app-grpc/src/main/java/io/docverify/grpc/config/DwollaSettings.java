package io.docverify.grpc.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Dwolla's API for the {@code dwolla} backend: the environment and the application's key and secret. The secret
 * never appears in {@link #toString()}.
 *
 * @param environment {@code sandbox} (https://api-sandbox.dwolla.com, the default) or {@code production}
 *                    (https://api.dwolla.com)
 * @param key         the application key ({@code DOCVERIFY_DWOLLA_KEY})
 * @param secret      the application secret ({@code DOCVERIFY_DWOLLA_SECRET})
 */
public record DwollaSettings(String environment, Optional<String> key, Optional<String> secret) {
    public DwollaSettings {
        environment = environment.trim().toLowerCase(Locale.ROOT);
        if (!environment.equals("sandbox") && !environment.equals("production")) {
            throw new ConfigException("DOCVERIFY_DWOLLA_ENVIRONMENT must be 'sandbox' or 'production', not '"
                    + environment + "'");
        }
    }

    /** Dwolla's base URL for the environment. */
    public String baseUrl() {
        return environment.equals("production") ? "https://api.dwolla.com" : "https://api-sandbox.dwolla.com";
    }

    /** Fails unless both the key and the secret are set. */
    public void requireCredentials() {
        if (key.isEmpty() || secret.isEmpty()) {
            throw new ConfigException("the dwolla backend needs DOCVERIFY_DWOLLA_KEY and DOCVERIFY_DWOLLA_SECRET");
        }
    }

    @Override
    public String toString() {
        return "DwollaSettings[environment=" + environment + ", key=" + (key.isPresent() ? "set" : "unset")
                + ", secret=" + (secret.isPresent() ? "set" : "unset") + "]";
    }
}
