package io.docverify.domain.upload;

import java.nio.ByteBuffer;

/**
 * A PDF's header and trailer (ISO 32000-1, 7.5.2 and 7.5.5): {@code %PDF-} at the very start, and the
 * end-of-file marker {@code %%EOF} within the last {@link FileKind#PDF_TRAILER_WITHIN} bytes, where PDF readers
 * look for it (a few bytes of line ends or padding may follow it). Only the end of the stream can confirm it, so
 * the scan keeps a window of the last 1,024 bytes as they stream past, never more.
 */
final class PdfHeader extends HeaderScan {
    private static final byte[] START = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] EOF = {'%', '%', 'E', 'O', 'F'};

    private int headerSeen;
    /** The last bytes, a ring: {@code next} is where the next byte goes. */
    private final byte[] tail = new byte[FileKind.PDF_TRAILER_WITHIN];
    private int next;
    private long total;

    @Override
    FileKind kind() {
        return FileKind.PDF;
    }

    @Override
    Verdict scan(ByteBuffer chunk) {
        while (headerSeen < START.length && chunk.hasRemaining()) {
            byte b = chunk.get(chunk.position());
            if (b != START[headerSeen]) {
                return Verdict.INVALID;
            }
            headerSeen++;
            keep(chunk, 1);
        }
        int remaining = chunk.remaining();
        if (remaining > tail.length) {
            chunk.position(chunk.limit() - tail.length);
            total += remaining - tail.length;
        }
        keep(chunk, chunk.remaining());
        return Verdict.MORE;
    }

    /** Copies {@code count} bytes from the chunk into the ring, advancing the chunk. */
    private void keep(ByteBuffer chunk, int count) {
        int left = count;
        while (left > 0) {
            int run = Math.min(left, tail.length - next);
            chunk.get(tail, next, run);
            next = (next + run) % tail.length;
            left -= run;
        }
        total += count;
    }

    @Override
    Verdict atEnd() {
        if (headerSeen < START.length) {
            return Verdict.INVALID;
        }
        int kept = (int) Math.min(total, tail.length);
        byte[] last = new byte[kept];
        int start = Math.floorMod(next - kept, tail.length);
        for (int i = 0; i < kept; i++) {
            last[i] = tail[(start + i) % tail.length];
        }
        for (int i = 0; i + EOF.length <= kept; i++) {
            if (java.util.Arrays.equals(last, i, i + EOF.length, EOF, 0, EOF.length)) {
                return Verdict.CONFIRMED;
            }
        }
        return Verdict.INVALID;
    }
}
