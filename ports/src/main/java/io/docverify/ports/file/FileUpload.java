package io.docverify.ports.file;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import io.docverify.ports.stream.PullPublisher;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * An uploaded file as it travels through the ports: a file name (sent to Dwolla as the multipart file name;
 * never used to decide the file kind) and the content as a bounded, back-pressured stream of chunks. No layer
 * needs the whole file as one array; the provider decides how much it keeps (the in-memory adapter keeps none,
 * the Dwolla adapter one copy for retries).
 *
 * <p>{@code declaredDigest}: the SHA-256 the caller says the file has, if any ({@link DeclaredDigest}); the
 * provider refuses a file whose bytes hash otherwise before committing anything.
 *
 * <p>The content publisher may be subscribed to once. Chunks handed to a subscriber must not be modified by the
 * publisher afterwards.
 */
public record FileUpload(String fileName, Flow.Publisher<ByteBuffer> content, DeclaredDigest declaredDigest) {
    /** Longest file name accepted. */
    public static final int MAX_FILE_NAME_LENGTH = 255;
    /** The chunk size of the publishers made here. */
    public static final int CHUNK_SIZE = 64 * 1024;

    public FileUpload {
        if (fileName == null || fileName.isBlank()) {
            throw DocumentError.validation(FieldError.REQUIRED, "/file", "A file name is required.").toException();
        }
        if (fileName.length() > MAX_FILE_NAME_LENGTH || fileName.chars().anyMatch(c -> c < 0x20 || c == 0x7f
                || c == '"' || c == '/' || c == '\\')) {
            throw DocumentError.validation(FieldError.INVALID, "/file",
                    "A file name must be at most " + MAX_FILE_NAME_LENGTH
                            + " characters, without control characters, quotes or slashes.").toException();
        }
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(declaredDigest, "declaredDigest");
    }

    /** A file without a declared digest. */
    public FileUpload(String fileName, Flow.Publisher<ByteBuffer> content) {
        this(fileName, content, DeclaredDigest.none());
    }

    /**
     * The same file, which must have this SHA-256 (checked by the provider against the fingerprint it computes
     * while inspecting the bytes; a mismatch is {@code ValidationError} on {@code /file/sha256} and stores
     * nothing).
     */
    public FileUpload withSha256(io.docverify.domain.upload.Fingerprint sha256) {
        return new FileUpload(fileName, content, DeclaredDigest.of(sha256, "/file/sha256"));
    }

    /** A file whose bytes are already in memory; chunks are read-only views, nothing is copied. */
    public static FileUpload ofBytes(String fileName, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        var whole = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        return new FileUpload(fileName, new PullPublisher(() -> {
            if (!whole.hasRemaining()) {
                return null;
            }
            int length = Math.min(CHUNK_SIZE, whole.remaining());
            ByteBuffer chunk = whole.slice().limit(length);
            whole.position(whole.position() + length);
            return chunk;
        }, () -> { }));
    }

    /** A file read from disk chunk by chunk, on the subscriber's demand. */
    public static FileUpload ofPath(String fileName, Path path) {
        Objects.requireNonNull(path, "path");
        var holder = new FileChannel[1];
        return new FileUpload(fileName, new PullPublisher(() -> {
            if (holder[0] == null) {
                holder[0] = FileChannel.open(path, StandardOpenOption.READ);
            }
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_SIZE);
            int read = holder[0].read(chunk);
            if (read < 0) {
                return null;
            }
            return chunk.flip();
        }, () -> {
            if (holder[0] != null) {
                holder[0].close();
            }
        }));
    }
}
