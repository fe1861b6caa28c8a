package io.docverify.grpc.security;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API key may do. {@link ScopeInterceptor#requiredScope} says which scope each method needs: {@code upload}
 * UploadDocument; {@code read} GetDocument, ListDocuments, WatchDocument and WatchEvents; {@code audit}
 * ListDocumentHistory (the journal names every calling key and holds every attempt, refused ones too: more than a
 * front end that reads documents should see); {@code sandbox} every SandboxService method (seeding owners, moving
 * them, reviewing documents).
 */
public enum Scope {
    UPLOAD("upload"),
    READ("read"),
    AUDIT("audit"),
    SANDBOX("sandbox");

    /** Every scope: what a plain key and the development key have. */
    public static final Set<Scope> ALL = Collections.unmodifiableSet(EnumSet.allOf(Scope.class));

    private final String word;

    Scope(String word) {
        this.word = word;
    }

    /** The scope as it is configured and shown: {@code upload}, {@code read}, {@code audit}, {@code sandbox}. */
    public String word() {
        return word;
    }

    /** The scope spelt {@code word} (exactly, lower case), if there is one. */
    public static Optional<Scope> ofWord(String word) {
        return Arrays.stream(values()).filter(s -> s.word.equals(word)).findFirst();
    }

    /**
     * Scopes joined with {@code +} ({@code upload+read}): empty if any word is unknown or repeated, or if there is
     * none.
     */
    public static Optional<Set<Scope>> parse(String words) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String word : words.split("\\+", -1)) {
            Optional<Scope> scope = ofWord(word);
            if (scope.isEmpty() || !scopes.add(scope.get())) {
                return Optional.empty();
            }
        }
        return Optional.of(Collections.unmodifiableSet(scopes));
    }

    /** Scopes as they are configured: {@code upload+read}, in this enum's order. */
    public static String join(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::word).collect(Collectors.joining("+"));
    }
}
