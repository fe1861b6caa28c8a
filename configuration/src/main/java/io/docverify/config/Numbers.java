package io.docverify.config;

import java.util.Objects;
import java.util.function.Function;

/** Numbers of settings ({@code Integer::parseInt}, {@code Double::parseDouble}, ...), each error naming its setting. */
public final class Numbers {
    private Numbers() {
    }

    /**
     * The number {@code value} (surrounding blanks ignored) of the setting {@code name}, read by {@code parse}.
     *
     * @throws IllegalArgumentException naming the setting, if {@code parse} refuses the value
     */
    public static <N> N parse(String name, String value, Function<String, N> parse) {
        Objects.requireNonNull(parse, "parse");
        try {
            return parse.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }
}
