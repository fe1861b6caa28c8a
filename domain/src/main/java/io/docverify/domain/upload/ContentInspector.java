package io.docverify.domain.upload;

import io.docverify.domain.DocumentType;
import io.docverify.domain.Result;
import io.docverify.domain.error.DocumentError;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks at an upload's bytes as they stream past, without keeping them: confirms the file kind by a complete
 * header ({@link FileKind}), counts the size, and computes the SHA-256 fingerprint. It refuses as early as the
 * bytes allow, with the codes of {@link UploadRules}: {@code invalidFileType} at the first byte that rules out
 * every kind allowed for the upload (a PDF's trailer, and any header cut short, only at the end),
 * {@code fileTooLarge} at the first byte past the limit, so a caller can stop reading at once. It keeps at most
 * a PNG header (33 bytes), six bytes of a JPEG frame, or a PDF's last 1,024 bytes.
 *
 * <p>Not thread-safe: one inspector per upload, fed in order.
 */
public final class ContentInspector {
    private final DocumentType type;
    private final boolean businessOwner;
    private final UploadLimits limits;
    private final MessageDigest digest;
    /** Header checks of the kinds still possible and allowed for this upload. */
    private final List<HeaderScan> candidates = new ArrayList<>(3);
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
        for (FileKind candidate : new FileKind[] {FileKind.PNG, FileKind.JPEG, FileKind.PDF}) {
            if (UploadRules.fileKindAllowedFor(candidate, type, businessOwner).isEmpty()) {
                candidates.add(HeaderScan.of(candidate));
            }
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
        if (kind == null) {
            candidates.removeIf(scan -> scan.update(view) == HeaderScan.Verdict.INVALID);
            if (candidates.isEmpty()) {
                return refuse(invalidFileType());
            }
            candidates.stream().filter(scan -> scan.verdict() == HeaderScan.Verdict.CONFIRMED).findFirst()
                    .ifPresent(scan -> kind = scan.kind());
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
            candidates.stream().filter(scan -> scan.finish() == HeaderScan.Verdict.CONFIRMED).findFirst()
                    .ifPresent(scan -> kind = scan.kind());
            if (kind == null) {
                return Result.refused(refuse(invalidFileType()).orElseThrow());
            }
        }
        return Result.ok(new InspectedFile(kind, size, Fingerprint.ofDigest(digest.digest())));
    }

    /** Bytes seen so far. */
    public long size() {
        return size;
    }

    /** The file kind, once a complete header was seen (a PDF's only at {@link #finish()}). */
    public Optional<FileKind> kind() {
        return Optional.ofNullable(kind);
    }

    private DocumentError invalidFileType() {
        return UploadRules.fileKindAllowedFor(FileKind.UNKNOWN, type, businessOwner).orElseThrow();
    }

    private Optional<DocumentError> refuse(DocumentError error) {
        refusal = error;
        return Optional.of(error);
    }
}
