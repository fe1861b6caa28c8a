package io.docverify.archfixture.library;

import java.util.Map;
import java.util.Optional;

/** Legal: a shared library on the JDK alone. */
public final class Setting {
    private Setting() {
    }

    public static Optional<String> read(Map<String, String> values, String name) {
        return Optional.ofNullable(values.get(name));
    }
}
