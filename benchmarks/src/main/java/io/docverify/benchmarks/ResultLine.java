package io.docverify.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one line a child JVM prints for the runner: {@code RESULT figure=<name> impl=<impl> key=value ...}, numbers
 * without units in the key's unit (the key says it: {@code p99us}, {@code bytes}, {@code ms}).
 */
public final class ResultLine {
    public static final String PREFIX = "RESULT ";

    private ResultLine() {
    }

    /** Formats {@code figure}, {@code impl} and key/value pairs. */
    public static String format(String figure, Impl impl, Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("pairs must come in twos");
        }
        var b = new StringBuilder(PREFIX).append("figure=").append(figure).append(" impl=").append(impl.key());
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            String text = v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(v);
            b.append(' ').append(pairs[i]).append('=').append(text);
        }
        return b.toString();
    }

    /** The pairs of the first RESULT line in {@code output} (anywhere in a line), if any. */
    public static Optional<Map<String, String>> parse(String output) {
        for (String line : output.split("\\R")) {
            // A forked JVM's line may follow other output on the same line (JMH's "Iteration 4: ").
            int at = line.indexOf(PREFIX + "figure=");
            if (at >= 0) {
                var map = new LinkedHashMap<String, String>();
                for (String pair : line.substring(at + PREFIX.length()).trim().split("\\s+")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        map.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                return Optional.of(map);
            }
        }
        return Optional.empty();
    }
}
