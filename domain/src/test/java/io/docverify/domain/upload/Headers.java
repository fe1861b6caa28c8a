package io.docverify.domain.upload;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Builds the smallest complete headers of each kind, byte by byte, as their specifications lay them out. */
final class Headers {
    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static final byte[] PDF_HEADER = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PDF_TRAILER = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private Headers() {
    }

    /** The PNG signature and a whole IHDR chunk (8-bit RGB), its CRC computed. 33 bytes. */
    static byte[] png(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        var crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(33).put(PNG_SIGNATURE).putInt(13).put(ihdr.array()).putInt((int) crc.getValue())
                .array();
    }

    static byte[] png() {
        return png(640, 480);
    }

    /** A marker segment: FF, the marker, a length that counts itself, the payload. */
    static byte[] segment(int marker, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).put((byte) 0xff).put((byte) marker)
                .putShort((short) (payload.length + 2)).put(payload).array();
    }

    /** APP1 segments of at most the largest legal length, {@code total} bytes in all (at least 4 each). */
    static byte[] fillerSegments(int total) {
        var out = new ByteArrayOutputStream();
        int left = total;
        while (left > 0) {
            int size = Math.min(left, 4 + 65533);
            if (left - size > 0 && left - size < 4) {
                size -= 4; // leave room for one more whole segment
            }
            out.writeBytes(segment(0xe1, new byte[size - 4]));
            left -= size;
        }
        return out.toByteArray();
    }

    /** A JFIF APP0 segment. */
    static byte[] app0() {
        return segment(0xe0, new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
    }

    /** A start-of-frame segment with {@code components} components. */
    static byte[] frame(int marker, int height, int width, int components) {
        ByteBuffer payload = ByteBuffer.allocate(6 + 3 * components).put((byte) 8).putShort((short) height)
                .putShort((short) width).put((byte) components);
        for (int c = 1; c <= components; c++) {
            payload.put((byte) c).put((byte) 0x11).put((byte) 0);
        }
        return segment(marker, payload.array());
    }

    /** SOI, the given segments in order. */
    static byte[] jpeg(byte[]... segments) {
        var out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xd8);
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    /** SOI, APP0 (JFIF) and a baseline SOF0 of three components. */
    static byte[] jpeg(int height, int width) {
        return jpeg(app0(), frame(0xc0, height, width, 3));
    }

    static byte[] jpeg() {
        return jpeg(480, 640);
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A PDF: header, {@code body}, trailer. */
    static byte[] pdf(byte[] body) {
        return concat(PDF_HEADER, body, PDF_TRAILER);
    }

    static byte[] pdf() {
        return pdf("1 0 obj << >> endobj".getBytes(StandardCharsets.US_ASCII));
    }
}
