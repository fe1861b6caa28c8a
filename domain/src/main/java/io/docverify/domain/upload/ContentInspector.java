package io.docverify.domain.upload;

import io.docverify.domain.DocumentType;
import io.docverify.domain.Result;
import io.docverify.domain.error.DocumentError;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Looks at an upload's bytes as they stream past, without keeping them: detects the file kind from the first
 * bytes, counts the size, and computes the SHA-256 fingerprint. It refuses as early as the bytes allow, with the
 * codes of {@link UploadRules}: {@code invalidFileType} once the signature is known, {@code fileTooLarge} at the
 * first byte past the limit, so a caller can stop reading at once.
 *
 * <p>Not thread-safe: one inspector per upload, fed in order.
 */
public final class ContentInspector {
    private final DocumentType type;
    private final boolean businessOwner;
    private final UploadLimits limits;
    private final MessageDigest digest;
    private final byte[] head = new byte[FileKind.SIGNATURE_LENGTH];
    private int headLength;
    private FileKind kind;
    private long size;
    private DocumentError refusal;

    /**
     * @param type          the requested document type
     * @param businessOwner true if the owner is (or may be) a business customer, for whom PDF is allowed
     * @param limits        the size limit to apply
     */
    public ContentInspector(DocumentType type, boolean businessOwner, UploadLimits limits) {
        this.type = type;
        this.businessOwner = businessOwner;
        this.limits = limits;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Takes the next chunk (its position is left unchanged) and returns the refusal if the upload can already be
     * refused. After a refusal, further chunks are ignored and the same refusal is returned.
     */
    public Optional<DocumentError> update(ByteBuffer chunk) {
        if (refusal != null) {
            return Optional.of(refusal);
        }
        ByteBuffer view = chunk.duplicate();
        int length = view.remaining();
        if (headLength < head.length) {
            int take = Math.min(head.length - headLength, length);
            view.duplicate().get(head, headLength, take);
            headLength += take;
            if (headLength == head.length) {
                Optional<DocumentError> wrongKind = decideKind();
                if (wrongKind.isPresent()) {
                    return refuse(wrongKind.get());
                }
            }
        }
        size += length;
        Optional<DocumentError> tooLarge = UploadRules.fileWithinSizeLimit(size, limits);
        if (tooLarge.isPresent()) {
            return refuse(tooLarge.get());
        }
        digest.update(view);
        return Optional.empty();
    }

    /** Convenience for {@link #update(ByteBuffer)} over an array slice. */
    public Optional<DocumentError> update(byte[] bytes, int offset, int length) {
        return update(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Ends the upload: the inspected file, or the refusal (an empty file, a kind decided only now). */
    public Result<InspectedFile> finish() {
        if (refusal != null) {
            return Result.refused(refusal);
        }
        Optional<DocumentError> empty = UploadRules.fileNotEmpty(size);
        if (empty.isPresent()) {
            refusal = empty.get();
            return Result.refused(refusal);
        }
        if (kind == null) {
            Optional<DocumentError> wrongKind = decideKind();
            if (wrongKind.isPresent()) {
                return Result.refused(refuse(wrongKind.get()).orElseThrow());
            }
        }
        return Result.ok(new InspectedFile(kind, size, Fingerprint.ofDigest(digest.digest())));
    }

    /** Bytes seen so far. */
    public long size() {
        return size;
    }

    /** The file kind, once enough bytes were seen. */
    public Optional<FileKind> kind() {
        return Optional.ofNullable(kind);
    }

    private Optional<DocumentError> decideKind() {
        kind = FileKind.detect(head, headLength);
        return UploadRules.fileKindAllowed(kind, type, businessOwner);
    }

    private Optional<DocumentError> refuse(DocumentError error) {
        refusal = error;
        return Optional.of(error);
    }
}
