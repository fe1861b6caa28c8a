package io.docverify.ports.contract;

import io.docverify.ports.file.FileUpload;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files for tests: a complete header of their kind (a file kind is confirmed only by its header, see
 * {@link io.docverify.domain.upload.FileKind}) followed by unique filler, so two files never collide as
 * duplicates unless a test asks for the same bytes twice. A PDF also ends with its {@code %%EOF} trailer.
 */
public final class TestFiles {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final long SALT = new java.security.SecureRandom().nextLong() & 0x7fff_ffff_0000_0000L;

    /** The bare 8-byte PNG signature: not a PNG on its own. */
    public static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** A complete PNG header: the signature and an IHDR chunk (640 x 480, 8-bit RGB) with its CRC; 33 bytes. */
    public static final byte[] PNG_SIGNATURE = pngHeader(640, 480);
    /**
     * A complete JPEG header: start of image, a JFIF APP0 segment and a baseline frame header (SOF0, 480 x 640,
     * three components); 39 bytes.
     */
    public static final byte[] JPEG_SIGNATURE = {(byte) 0xff, (byte) 0xd8,
            (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            (byte) 0xff, (byte) 0xc0, 0, 17, 8, 0x01, (byte) 0xe0, 0x02, (byte) 0x80, 3,
            1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};
    /** A PDF header; {@link #withSignature} adds the trailer a PDF also needs. */
    public static final byte[] PDF_SIGNATURE = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    /** A PDF's end-of-file marker, the last bytes of every PDF made here. */
    public static final byte[] PDF_TRAILER = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] GIF_SIGNATURE = "GIF89a".getBytes(StandardCharsets.US_ASCII);
    /**
     * The first byte after the header and the unique part of every file made here (the longest header, JPEG's,
     * plus 8 unique bytes): a test may write its own bytes from here on without breaking the file's kind.
     */
    public static final int FILLER_OFFSET = 48;

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

    /** A unique JPEG of 64 bytes. */
    public static byte[] jpeg() {
        return withSignature(JPEG_SIGNATURE, 64);
    }

    /** A unique JPEG of exactly {@code size} bytes. */
    public static byte[] jpeg(int size) {
        return withSignature(JPEG_SIGNATURE, size);
    }

    /** A unique PDF of 64 bytes, trailer included. */
    public static byte[] pdf() {
        return withSignature(PDF_SIGNATURE, 64);
    }

    /** A unique GIF (a kind Dwolla refuses). */
    public static byte[] gif() {
        return withSignature(GIF_SIGNATURE, 64);
    }

    /**
     * Bytes that start with {@code signature}, unique, exactly {@code size} long (at least the signature + 8). A
     * {@code %PDF-} signature also gets {@link #PDF_TRAILER} as its last bytes (then 7 more bytes are needed).
     */
    public static byte[] withSignature(byte[] signature, int size) {
        boolean pdf = startsWith(signature, PDF_SIGNATURE, 5);
        int trailer = pdf ? PDF_TRAILER.length : 0;
        if (size < signature.length + Long.BYTES + trailer) {
            throw new IllegalArgumentException("too small for a unique file: " + size);
        }
        byte[] bytes = new byte[size];
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        if (pdf) {
            System.arraycopy(PDF_TRAILER, 0, bytes, size - trailer, trailer);
        }
        // A per-JVM random salt plus a sequence: unique within a run, and across runs against a long-lived server.
        long unique = SALT + SEQUENCE.incrementAndGet();
        ByteBuffer.wrap(bytes, signature.length, Long.BYTES).putLong(unique);
        return bytes;
    }

    /** A complete PNG header of the given dimensions. */
    public static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        var crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(33).put(PNG_MAGIC).putInt(13).put(ihdr.array()).putInt((int) crc.getValue())
                .array();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int length) {
        return bytes.length >= length && Arrays.equals(bytes, 0, length, prefix, 0, length);
    }

    /** The SHA-256 fingerprint of {@code bytes}. */
    public static io.docverify.domain.upload.Fingerprint sha256(byte[] bytes) {
        try {
            return io.docverify.domain.upload.Fingerprint.ofDigest(
                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@link FileUpload} of the given bytes. */
    public static FileUpload upload(String name, byte[] bytes) {
        return FileUpload.ofBytes(name, bytes);
    }
}
