package io.docverify.grpc.config;

import io.docverify.adapter.dwolla.DwollaConfig;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Dwolla's API for the {@code dwolla} backend: every {@code DOCVERIFY_DWOLLA_*} setting, handed to the Dwolla
 * adapter's configuration reader with that prefix ({@code ENVIRONMENT}, {@code BASE_URL}, {@code KEY},
 * {@code SECRET} and the adapter's resilience knobs). Only the environment is checked here; the adapter checks
 * the rest when the backend is built. No value appears in {@link #toString()}.
 *
 * @param variables the settings named {@code DOCVERIFY_DWOLLA_*}, empty values removed
 */
public record DwollaSettings(Map<String, String> variables) {
    /** The prefix of the Dwolla settings. */
    public static final String PREFIX = "DOCVERIFY_DWOLLA_";

    public DwollaSettings {
        var copy = new TreeMap<String, String>();
        variables.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && value != null && !value.isBlank()) {
                copy.put(name, value.trim());
            }
        });
        variables = Map.copyOf(copy);
        String environment = environmentOf(variables);
        if (!environment.equals("sandbox") && !environment.equals("production")) {
            throw new ConfigException(PREFIX + "ENVIRONMENT must be 'sandbox' or 'production', not '"
                    + variables.get(PREFIX + "ENVIRONMENT") + "'");
        }
    }

    /** Whether {@code name} is one of the Dwolla adapter's settings with this prefix. */
    public static boolean isSetting(String name) {
        return name.startsWith(PREFIX) && DwollaConfig.SETTINGS.contains(name.substring(PREFIX.length()));
    }

    /** {@code sandbox} (https://api-sandbox.dwolla.com, the default) or {@code production} (https://api.dwolla.com). */
    public String environment() {
        return environmentOf(variables);
    }

    private static String environmentOf(Map<String, String> variables) {
        return Optional.ofNullable(variables.get(PREFIX + "ENVIRONMENT")).orElse("sandbox").toLowerCase(Locale.ROOT);
    }

    /** The application key ({@code DOCVERIFY_DWOLLA_KEY}). */
    public Optional<String> key() {
        return Optional.ofNullable(variables.get(PREFIX + "KEY"));
    }

    /** The application secret ({@code DOCVERIFY_DWOLLA_SECRET}). */
    public Optional<String> secret() {
        return Optional.ofNullable(variables.get(PREFIX + "SECRET"));
    }

    /** Dwolla's base URL: {@code DOCVERIFY_DWOLLA_BASE_URL} if set (a proxy, a local test server), else the environment's. */
    public String baseUrl() {
        return Optional.ofNullable(variables.get(PREFIX + "BASE_URL")).orElse(
                environment().equals("production") ? "https://api.dwolla.com" : "https://api-sandbox.dwolla.com");
    }

    /** Fails unless both the key and the secret are set. */
    public void requireCredentials() {
        if (key().isEmpty() || secret().isEmpty()) {
            throw new ConfigException("the dwolla backend needs DOCVERIFY_DWOLLA_KEY and DOCVERIFY_DWOLLA_SECRET");
        }
    }

    @Override
    public String toString() {
        return "DwollaSettings[baseUrl=" + baseUrl() + ", key=" + (key().isPresent() ? "set" : "unset")
                + ", secret=" + (secret().isPresent() ? "set" : "unset") + ", settings=" + variables.keySet() + "]";
    }
}
