package io.docverify.domain.upload;

import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 of a file's bytes, in lower-case hex: how a duplicate upload and Dwolla's sandbox sample images
 * are recognised without keeping the file.
 */
public record Fingerprint(String sha256Hex) {
    public Fingerprint {
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        if (!sha256Hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256Hex);
        }
    }

    /** The fingerprint of a finished digest. */
    public static Fingerprint ofDigest(byte[] sha256) {
        return new Fingerprint(HexFormat.of().formatHex(sha256));
    }

    @Override
    public String toString() {
        return "sha256:" + sha256Hex;
    }
}
