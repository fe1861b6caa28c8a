package io.docverify.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Named settings (environment variables, a properties file, both merged), optionally under a prefix such as
 * {@code DWOLLA_}: a blank value counts as unset, a value is read without its surrounding blanks, and every error
 * names the setting with its prefix. Reads are {@link Optional}: the caller owns the defaults.
 */
public final class Settings {
    private final Map<String, String> values;
    private final String prefix;

    private Settings(Map<String, String> values, String prefix) {
        this.values = Objects.requireNonNull(values, "values");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** The settings as named in {@code values} (not copied: later changes to the map are seen). */
    public static Settings of(Map<String, String> values) {
        return new Settings(values, "");
    }

    /** The settings of {@code values} named {@code prefix + name} (not copied). */
    public static Settings prefixed(Map<String, String> values, String prefix) {
        return new Settings(values, prefix);
    }

    /** The full name of the setting {@code name}: with the prefix. */
    public String fullName(String name) {
        return prefix + name;
    }

    /** The value of {@code name} without surrounding blanks; empty if unset or blank. */
    public Optional<String> text(String name) {
        String v = values.get(fullName(name));
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** A {@link Durations duration}. */
    public Optional<Duration> duration(String name) {
        return text(name).map(v -> Durations.parse(fullName(name), v));
    }

    /** A number read by {@code parse}, e.g. {@code Double::parseDouble}. */
    public <N> Optional<N> number(String name, Function<String, N> parse) {
        return text(name).map(v -> Numbers.parse(fullName(name), v, parse));
    }
}
