package io.docverify.grpc.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The API keys the service is configured with, in one of two forms (never both):
 * <ul>
 *   <li>plain, {@value #PLAIN}{@code =k1,k2}: keys with every scope, named {@code key-1}, {@code key-2}, ... by
 *       position (the form docverify always had);
 *   <li>scoped, {@value #SCOPED}{@code =name:scope+scope:key,...}: each key with its name and scopes, e.g.
 *       {@code ci-uploader:upload+read:<key>,review-tool:read+sandbox:<key>}. The key is everything after the
 *       second colon, so it may hold colons itself.
 * </ul>
 * Entries are separated by commas; spaces around them and empty entries are ignored. Parse errors name the setting
 * and the entry by its position, never a key, nor a name (a mistyped entry can turn a key into a "name").
 * {@link #toString()} shows names and scopes only.
 *
 * @param keys the keys in the configured order; unique names; empty: the launcher generates a development key
 */
public record ConfiguredKeys(List<ApiKey> keys) {
    /** The plain form's setting. */
    public static final String PLAIN = "DOCVERIFY_API_KEYS";
    /** The scoped form's setting. */
    public static final String SCOPED = "DOCVERIFY_SCOPED_API_KEYS";
    /** The name of the key generated when none is configured. */
    public static final String DEVELOPMENT = "development";

    public ConfiguredKeys {
        keys = List.copyOf(keys);
        Set<String> names = new HashSet<>();
        for (ApiKey key : keys) {
            if (!names.add(key.name())) {
                throw new IllegalArgumentException("two API keys are named '" + key.name() + "'");
            }
        }
    }

    /** No keys. */
    public static ConfiguredKeys none() {
        return new ConfiguredKeys(List.of());
    }

    /** Plain keys: every scope, named {@code key-1}, {@code key-2}, ... in this order. */
    public static ConfiguredKeys plain(List<String> secrets) {
        var keys = new ArrayList<ApiKey>();
        for (int i = 0; i < secrets.size(); i++) {
            keys.add(new ApiKey("key-" + (i + 1), Scope.ALL, secrets.get(i)));
        }
        return new ConfiguredKeys(keys);
    }

    /** The one development key: every scope, named {@value #DEVELOPMENT}. */
    public static ConfiguredKeys development(String secret) {
        return new ConfiguredKeys(List.of(new ApiKey(DEVELOPMENT, Scope.ALL, secret)));
    }

    /**
     * The plain form's value. An entry that reads like the scoped form ({@code name:scopes:...} with a valid name
     * and known scopes) is refused rather than taken as one key with every scope.
     *
     * @throws IllegalArgumentException naming {@value #PLAIN} and the entry, never the key
     */
    public static ConfiguredKeys parsePlain(String value) {
        List<String> entries = entries(value);
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (!ApiKey.isValidSecret(entry)) {
                throw error(PLAIN, "entry " + (i + 1) + " is not a key of at least " + ApiKey.MIN_LENGTH
                        + " printable characters without spaces");
            }
            if (looksScoped(entry)) {
                throw error(PLAIN, "entry " + (i + 1) + " looks like name:scopes:key; keys with names and scopes go "
                        + "in " + SCOPED + " (and " + PLAIN + " must then be unset)");
            }
        }
        return plain(entries);
    }

    /**
     * The scoped form's value.
     *
     * @throws IllegalArgumentException naming {@value #SCOPED} and the entry, never a key or a name
     */
    public static ConfiguredKeys parseScoped(String value) {
        List<String> entries = entries(value);
        var keys = new ArrayList<ApiKey>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            String at = "entry " + (i + 1);
            int first = entry.indexOf(':');
            int second = first < 0 ? -1 : entry.indexOf(':', first + 1);
            if (second < 0) {
                throw error(SCOPED, at + " is not name:scopes:key (for example ci-uploader:upload+read:<key>)");
            }
            String name = entry.substring(0, first);
            String secret = entry.substring(second + 1);
            if (!ApiKey.isValidName(name)) {
                throw error(SCOPED, at + " has an invalid name: a name is " + ApiKey.NAME_RULE + ", and not '"
                        + Caller.ANONYMOUS + "'");
            }
            var scopes = Scope.parse(entry.substring(first + 1, second)).orElseThrow(() -> error(SCOPED, at
                    + " has invalid scopes: one or more of upload, read, audit and sandbox, joined with '+' (for "
                    + "example read+sandbox)"));
            if (!ApiKey.isValidSecret(secret)) {
                throw error(SCOPED, at + " has a key that is not at least " + ApiKey.MIN_LENGTH
                        + " printable characters without spaces");
            }
            for (int j = 0; j < keys.size(); j++) {
                if (keys.get(j).name().equals(name)) {
                    throw error(SCOPED, "entries " + (j + 1) + " and " + (i + 1)
                            + " have the same name; names must be unique");
                }
                if (keys.get(j).secret().equals(secret)) {
                    throw error(SCOPED, "entries " + (j + 1) + " and " + (i + 1)
                            + " have the same key; each name needs its own key");
                }
            }
            keys.add(new ApiKey(name, scopes, secret));
        }
        return new ConfiguredKeys(keys);
    }

    /** True if there is no key. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** How many keys there are. */
    public int size() {
        return keys.size();
    }

    @Override
    public String toString() {
        return "ConfiguredKeys" + keys.stream().map(k -> k.name() + "(" + Scope.join(k.scopes()) + ")").toList();
    }

    private static List<String> entries(String value) {
        Objects.requireNonNull(value, "value");
        return Arrays.stream(value.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    }

    private static boolean looksScoped(String entry) {
        int first = entry.indexOf(':');
        int second = first < 0 ? -1 : entry.indexOf(':', first + 1);
        return second > 0 && ApiKey.isValidName(entry.substring(0, first))
                && Scope.parse(entry.substring(first + 1, second)).isPresent();
    }

    private static IllegalArgumentException error(String setting, String message) {
        return new IllegalArgumentException(setting + ": " + message);
    }
}
