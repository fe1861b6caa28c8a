package io.docverify.ports.file;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.upload.Fingerprint;
import io.docverify.domain.upload.InspectedFile;
import java.util.Objects;
import java.util.Optional;

/**
 * The SHA-256 a client says its file has, checked by the provider against the one fingerprint it computes anyway
 * while inspecting the bytes, so a file is hashed once. It may be declared before the content starts or at any
 * time before the content publisher completes (the gRPC service learns it from the {@code finish} message, then
 * completes the content); the publisher's completion makes the declaration visible to the provider.
 *
 * <p>A file whose fingerprint differs is refused with {@code ValidationError} on {@link #fieldPath()} before
 * anything is committed.
 */
public final class DeclaredDigest {
    private static final DeclaredDigest NONE = new DeclaredDigest("/file");

    private final String fieldPath;
    private volatile Fingerprint declared;

    private DeclaredDigest(String fieldPath) {
        this.fieldPath = Objects.requireNonNull(fieldPath, "fieldPath");
    }

    /** No digest is declared: nothing to check. */
    public static DeclaredDigest none() {
        return NONE;
    }

    /** A digest declared now; a mismatch is reported on {@code fieldPath}. */
    public static DeclaredDigest of(Fingerprint sha256, String fieldPath) {
        var digest = new DeclaredDigest(fieldPath);
        digest.declared = Objects.requireNonNull(sha256, "sha256");
        return digest;
    }

    /** A digest that may be declared later with {@link #declare}, before the content completes. */
    public static DeclaredDigest later(String fieldPath) {
        return new DeclaredDigest(fieldPath);
    }

    /** Declares the digest; at most once, and never on {@link #none()}. */
    public void declare(Fingerprint sha256) {
        Objects.requireNonNull(sha256, "sha256");
        if (this == NONE) {
            throw new IllegalStateException("DeclaredDigest.none() takes no declaration");
        }
        synchronized (this) {
            if (declared != null) {
                throw new IllegalStateException("the digest was declared already");
            }
            declared = sha256;
        }
    }

    /** The declared digest, if any. */
    public Optional<Fingerprint> declared() {
        return Optional.ofNullable(declared);
    }

    /** Where a mismatch is reported. */
    public String fieldPath() {
        return fieldPath;
    }

    /** The refusal if a digest was declared and {@code actual} is not it. */
    public Optional<DocumentError> check(Fingerprint actual) {
        Fingerprint expected = declared;
        if (expected == null || expected.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of(DocumentError.validation(FieldError.INVALID, fieldPath,
                "The SHA-256 of the bytes received does not match the declared one; nothing was stored."));
    }

    /** {@code file} if it matches the declaration; throws the refusal otherwise (for a stage's thenApply). */
    public InspectedFile verify(InspectedFile file) {
        Optional<DocumentError> mismatch = check(file.fingerprint());
        if (mismatch.isPresent()) {
            throw mismatch.get().toException();
        }
        return file;
    }

    @Override
    public String toString() {
        return declared == null ? "DeclaredDigest[none]" : "DeclaredDigest[" + declared + "]";
    }
}
