package io.docverify.grpc.service;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.domain.upload.UploadRules;
import io.docverify.grpc.v1.UploadFinish;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one upload stream has carried so far, so that its {@code finish} message can be checked against it: the
 * byte count and a SHA-256 computed as the chunks pass (constant memory, nothing buffered), and the size the
 * metadata declared up front, if any. Each check answers with the refusal it causes, or none; the paths name the
 * field that disagrees, as Dwolla's {@code ValidationError} does.
 *
 * <p>Not thread-safe: fed from the gRPC callbacks, which gRPC serializes.
 */
final class UploadTally {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final long declaredSize;
    private final MessageDigest sha256;
    private final DigestInput digestInput = new DigestInput();
    private long bytes;

    private UploadTally(long declaredSize) {
        this.declaredSize = declaredSize;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * A tally for an upload whose metadata declared {@code declaredSize} bytes (0: not declared), or the refusal
     * of that declaration: a negative size is invalid, and a file over 10 MiB is {@code fileTooLarge} before a
     * byte of it is read.
     */
    static UploadTally declared(long declaredSize) {
        if (declaredSize < 0) {
            throw DocumentError.validation(FieldError.INVALID, "/metadata/sizeBytes",
                    "The declared size must not be negative; got " + declaredSize + ".").toException();
        }
        UploadRules.fileWithinSizeLimit(declaredSize, UploadLimits.DWOLLA).ifPresent(tooLarge -> {
            throw tooLarge.toException();
        });
        return new UploadTally(declaredSize);
    }

    /** Bytes counted so far. */
    long bytes() {
        return bytes;
    }

    /**
     * Counts a chunk, or refuses it if it takes the file past the size the metadata declared (then it is not
     * counted and must not be passed on).
     */
    Optional<DocumentError> add(ByteString chunk) {
        if (declaredSize > 0 && bytes + chunk.size() > declaredSize) {
            return Optional.of(DocumentError.validation(FieldError.INVALID, "/metadata/sizeBytes",
                    "The chunks carry more than the " + declaredSize + " bytes the metadata declares; nothing "
                            + "was stored."));
        }
        bytes += chunk.size();
        try {
            UnsafeByteOperations.unsafeWriteTo(chunk, digestInput);
        } catch (IOException e) {
            throw new UncheckedIOException("a digest does not fail", e);
        }
        return Optional.empty();
    }

    /**
     * Hands the chunk's own bytes to the digest, read in place: protobuf's sanctioned way to read a
     * {@link ByteString} without copying it (a read-only buffer would be copied through a temporary array).
     * The digest only reads them.
     */
    private final class DigestInput extends ByteOutput {
        @Override
        public void write(byte value) {
            sha256.update(value);
        }

        @Override
        public void write(byte[] value, int offset, int length) {
            sha256.update(value, offset, length);
        }

        @Override
        public void writeLazy(byte[] value, int offset, int length) {
            sha256.update(value, offset, length);
        }

        @Override
        public void write(ByteBuffer value) {
            sha256.update(value);
        }

        @Override
        public void writeLazy(ByteBuffer value) {
            sha256.update(value);
        }
    }

    /**
     * Whether the stream carried exactly what {@code finish} declares: its size (and the metadata's, if it
     * declared one) and, when given, its SHA-256.
     */
    Optional<DocumentError> verify(UploadFinish finish) {
        if (finish.getSizeBytes() != bytes) {
            return refuse("/finish/sizeBytes", "The finish message declares " + finish.getSizeBytes()
                    + " bytes, but the stream carried " + bytes + "; nothing was stored.");
        }
        if (declaredSize > 0 && finish.getSizeBytes() != declaredSize) {
            return refuse("/finish/sizeBytes", "The finish message declares " + finish.getSizeBytes()
                    + " bytes, but the metadata declared " + declaredSize + "; nothing was stored.");
        }
        String claimed = finish.getSha256();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        if (!SHA256_HEX.matcher(claimed).matches()) {
            return Optional.of(DocumentError.validation(FieldError.INVALID_FORMAT, "/finish/sha256",
                    "The SHA-256 must be 64 hexadecimal characters; nothing was stored."));
        }
        if (!MessageDigest.isEqual(HexFormat.of().parseHex(claimed), sha256.digest())) {
            return refuse("/finish/sha256", "The SHA-256 of the bytes received does not match the finish "
                    + "message's; nothing was stored.");
        }
        return Optional.empty();
    }

    private static Optional<DocumentError> refuse(String path, String message) {
        return Optional.of(DocumentError.validation(FieldError.INVALID, path, message));
    }
}
