package io.docverify.domain.upload;

import java.util.Objects;

/** What the rules need to know of a whole uploaded file: its kind, size and fingerprint. Never its bytes. */
public record InspectedFile(FileKind kind, long size, Fingerprint fingerprint) {
    public InspectedFile {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }
}
