package io.docverify.ports.contract;

import io.docverify.ports.in.FileUpload;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files for tests: a valid signature followed by unique filler, so two files never collide as duplicates unless
 * a test asks for the same bytes twice.
 */
public final class TestFiles {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final long SALT = new java.security.SecureRandom().nextLong() & 0x7fff_ffff_0000_0000L;

    public static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    public static final byte[] JPEG_SIGNATURE = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0};
    public static final byte[] PDF_SIGNATURE = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] GIF_SIGNATURE = "GIF89a".getBytes(StandardCharsets.US_ASCII);

    private TestFiles() {
    }

    /** A unique PNG of at least 64 bytes. */
    public static byte[] png() {
        return withSignature(PNG_SIGNATURE, 64);
    }

    /** A unique PNG of exactly {@code size} bytes. */
    public static byte[] png(int size) {
        return withSignature(PNG_SIGNATURE, size);
    }

    /** A unique JPEG. */
    public static byte[] jpeg() {
        return withSignature(JPEG_SIGNATURE, 64);
    }

    /** A unique PDF. */
    public static byte[] pdf() {
        return withSignature(PDF_SIGNATURE, 64);
    }

    /** A unique GIF (a kind Dwolla refuses). */
    public static byte[] gif() {
        return withSignature(GIF_SIGNATURE, 64);
    }

    /** Bytes that start with {@code signature}, unique, exactly {@code size} long (at least the signature + 8). */
    public static byte[] withSignature(byte[] signature, int size) {
        if (size < signature.length + Long.BYTES) {
            throw new IllegalArgumentException("too small for a unique file: " + size);
        }
        byte[] bytes = new byte[size];
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        // A per-JVM random salt plus a sequence: unique within a run, and across runs against a long-lived server.
        long unique = SALT + SEQUENCE.incrementAndGet();
        ByteBuffer.wrap(bytes, signature.length, Long.BYTES).putLong(unique);
        return bytes;
    }

    /** A {@link FileUpload} of the given bytes. */
    public static FileUpload upload(String name, byte[] bytes) {
        return FileUpload.ofBytes(name, bytes);
    }
}
