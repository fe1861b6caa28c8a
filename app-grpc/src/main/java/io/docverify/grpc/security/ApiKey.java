package io.docverify.grpc.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured API key: the name logs and metrics know the caller by, what it may do, and the secret itself,
 * which {@link #toString()} never shows.
 *
 * @param name   {@value #NAME_RULE}; never {@value Caller#ANONYMOUS}
 * @param scopes at least one
 * @param secret the bearer key: at least {@value #MIN_LENGTH} printable ASCII characters, no spaces or commas
 */
public record ApiKey(String name, Set<Scope> scopes, String secret) {
    /** Shortest key accepted: a key is a secret, not a password to remember. */
    public static final int MIN_LENGTH = 16;
    /** What a name is made of, in words for error messages. */
    public static final String NAME_RULE = "1 to 32 characters of a-z, 0-9, '.', '_' and '-', starting with a letter "
            + "or digit";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    public ApiKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("an API key's name must be " + NAME_RULE + " (and not '"
                    + Caller.ANONYMOUS + "')");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one scope");
        }
        scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
        if (!isValidSecret(secret)) {
            throw new IllegalArgumentException("an API key must be at least " + MIN_LENGTH
                    + " printable characters without spaces");
        }
    }

    /** True if {@code name} may name a key. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches() && !name.equals(Caller.ANONYMOUS);
    }

    /** True if {@code secret} may be a key: long enough, printable ASCII, no space, no comma (the separator). */
    public static boolean isValidSecret(String secret) {
        return secret.length() >= MIN_LENGTH && secret.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ',');
    }

    /** True if the key has {@code scope}. */
    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    @Override
    public String toString() {
        return "ApiKey[name=" + name + ", scopes=" + Scope.join(scopes) + "]";
    }
}
