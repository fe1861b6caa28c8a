package io.docverify.grpc.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API keys a caller may present, with their names and scopes. Only the keys' SHA-256 digests are kept, and a
 * presented key is compared with every one of them in constant time ({@link MessageDigest#isEqual}) and without
 * stopping at a match, so neither the time of a check nor the lengths of the keys tell an attacker anything.
 */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(byte[] digest, String name, Set<Scope> scopes) {
    }

    private final List<Entry> entries;
    private final Map<String, Set<Scope>> scopesByName;

    private ApiKeys(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("at least one API key is needed");
        }
        this.entries = entries;
        this.scopesByName = entries.stream()
                .collect(Collectors.toUnmodifiableMap(Entry::name, Entry::scopes, (a, b) -> a));
    }

    /** Plain keys, as {@code DOCVERIFY_API_KEYS} gives them: every scope, named {@code key-1}, ...; at least one. */
    public static ApiKeys of(List<String> keys) {
        var entries = new java.util.ArrayList<Entry>();
        for (int i = 0; i < keys.size(); i++) {
            entries.add(new Entry(sha256(keys.get(i)), "key-" + (i + 1), Scope.ALL));
        }
        return new ApiKeys(List.copyOf(entries));
    }

    /** The configured keys with their names and scopes; at least one. */
    public static ApiKeys of(ConfiguredKeys keys) {
        return new ApiKeys(keys.keys().stream().map(k -> new Entry(sha256(k.secret()), k.name(), k.scopes()))
                .toList());
    }

    /** A new random development key: 256 bits, URL-safe Base64 without padding (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True if {@code presented} is one of the keys. */
    public boolean matches(String presented) {
        return nameOf(presented).isPresent();
    }

    /**
     * The name of the key {@code presented} is, if it is one: its configured name, or {@code key-1},
     * {@code key-2}, ... for plain keys. Every key is compared, in constant time.
     */
    public Optional<String> nameOf(String presented) {
        byte[] digest = sha256(presented);
        Entry found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
                found = entry;
            }
        }
        return Optional.ofNullable(found).map(Entry::name);
    }

    /** The scopes of the key named {@code name}; none for a name that is not configured (such as anonymous). */
    public Set<Scope> scopesOf(String name) {
        return scopesByName.getOrDefault(name, Set.of());
    }

    /** How many keys there are. */
    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "ApiKeys[" + entries.size() + " keys]";
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
