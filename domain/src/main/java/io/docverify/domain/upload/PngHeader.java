package io.docverify.domain.upload;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * A PNG's complete header (PNG specification, sections 5.2 and 11.2.2): the 8-byte signature, then the first
 * chunk, which must be {@code IHDR} with its data length of 13, a width and a height each from 1 to 2^31-1, and a
 * CRC that matches. 33 bytes; each is checked as soon as it arrives.
 */
final class PngHeader extends HeaderScan {
    /** Signature, IHDR length and type, IHDR data, CRC. */
    static final int LENGTH = 8 + 4 + 4 + 13 + 4;
    private static final byte[] FIXED = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
            'I', 'H', 'D', 'R'};
    private static final int WIDTH_END = 20;
    private static final int HEIGHT_END = 24;
    private static final int CRC_START = 29;

    private final byte[] header = new byte[LENGTH];
    private int seen;

    @Override
    FileKind kind() {
        return FileKind.PNG;
    }

    @Override
    Verdict scan(ByteBuffer chunk) {
        while (chunk.hasRemaining()) {
            byte b = chunk.get();
            if (seen < FIXED.length && b != FIXED[seen]) {
                return Verdict.INVALID;
            }
            header[seen++] = b;
            // A signed int of 0 or below is a width or height of 0, or one of 2^31 or more: both invalid.
            if ((seen == WIDTH_END || seen == HEIGHT_END) && ByteBuffer.wrap(header, seen - 4, 4).getInt() <= 0) {
                return Verdict.INVALID;
            }
            if (seen == LENGTH) {
                var crc = new CRC32();
                crc.update(header, 12, CRC_START - 12); // over the chunk type and data
                return (int) crc.getValue() == ByteBuffer.wrap(header, CRC_START, 4).getInt()
                        ? Verdict.CONFIRMED : Verdict.INVALID;
            }
        }
        return Verdict.MORE;
    }
}
