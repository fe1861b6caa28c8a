package io.docverify.grpc.service;

import com.google.protobuf.ByteString;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.upload.Fingerprint;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.domain.upload.UploadRules;
import io.docverify.grpc.v1.DocumentServiceProto.UploadFinish;
import io.docverify.ports.file.DeclaredDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one upload stream has carried so far, so that its {@code finish} message can be checked against it: the
 * byte count, and the size the metadata declared up front, if any. A SHA-256 in {@code finish} is not computed
 * here: it is handed to the provider as the file's {@link DeclaredDigest}, which checks it against the fingerprint
 * it computes anyway while inspecting the bytes (one hash per upload), before anything is committed. Each check
 * answers with the refusal it causes, or none; the paths name the field that disagrees, as Dwolla's
 * {@code ValidationError} does.
 *
 * <p>Not thread-safe: fed from the gRPC callbacks, which gRPC serializes.
 */
final class UploadTally {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final long declaredSize;
    private final DeclaredDigest digest = DeclaredDigest.later("/finish/sha256");
    private long bytes;

    private UploadTally(long declaredSize) {
        this.declaredSize = declaredSize;
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

    /** The digest {@code finish} declares, once it is verified; for the command's {@code FileUpload}. */
    DeclaredDigest digest() {
        return digest;
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
        return Optional.empty();
    }

    /**
     * Whether the stream carried exactly what {@code finish} declares: its size (and the metadata's, if it
     * declared one); a well-formed SHA-256 is declared to the provider ({@link #digest()}), which checks it.
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
        digest.declare(new Fingerprint(claimed.toLowerCase(Locale.ROOT)));
        return Optional.empty();
    }

    private static Optional<DocumentError> refuse(String path, String message) {
        return Optional.of(DocumentError.validation(FieldError.INVALID, path, message));
    }
}
