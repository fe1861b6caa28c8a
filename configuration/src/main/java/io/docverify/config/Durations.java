package io.docverify.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of every docverify setting (the Dwolla adapter's {@code DWOLLA_*}, the service's
 * {@code DOCVERIFY_*}, the Dwolla test server's flags):
 * {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} (at most nine digits), ISO-8601 ({@code PT10S}), or {@code 0}.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private Durations() {
    }

    /**
     * The duration {@code value} of the setting {@code name}.
     *
     * @throws IllegalArgumentException naming the setting, if the value is not such a duration or is negative
     */
    public static Duration parse(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            Duration d = Duration.parse(value.trim());
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                name + " must be a duration such as 500ms, 10s, 2m or PT10S, not '" + value + "'");
    }
}
