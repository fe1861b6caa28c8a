package io.docverify.grpc.hostile;

import java.nio.charset.StandardCharsets;

/**
 * A distinctive byte sequence that the load, hostile-input and memory tests put into the files they upload, so
 * that {@code LogLeakScanIT} can tell whether file bytes reached a log (raw, hex or base64).
 */
public final class LeakMarker {
    /** The marker: ASCII text followed by bytes no log line would produce by chance. */
    public static final byte[] BYTES = concat("DVLEAK-file-bytes-7Qz".getBytes(StandardCharsets.US_ASCII),
            new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0x13, 0x37, (byte) 0xc0, (byte) 0xde});

    private LeakMarker() {
    }

    /**
     * Writes the marker into {@code file} at {@code offset} (after the signature and the unique part that
     * {@link io.docverify.ports.contract.TestFiles} writes) if it fits; returns the file.
     */
    public static byte[] mark(byte[] file, int offset) {
        if (file.length >= offset + BYTES.length) {
            System.arraycopy(BYTES, 0, file, offset, BYTES.length);
        }
        return file;
    }

    /** Marks a {@link io.docverify.ports.contract.TestFiles} file right after its header and unique part. */
    public static byte[] mark(byte[] file) {
        return mark(file, io.docverify.ports.contract.TestFiles.FILLER_OFFSET);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
