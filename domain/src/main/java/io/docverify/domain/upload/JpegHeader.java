package io.docverify.domain.upload;

import java.nio.ByteBuffer;

/**
 * A JPEG's complete header (ITU-T T.81, annex B): the start-of-image marker {@code FF D8}, then marker segments,
 * each skipped by its length ({@code APPn}, {@code COM}, {@code DQT}, {@code DHT}, {@code DRI}, ...), up to a
 * start-of-frame segment ({@code SOF0}..{@code SOF15}, which excludes {@code DHT C4}, {@code JPG C8} and
 * {@code DAC CC}) whose height and width are not zero and whose length matches its component count.
 *
 * <p>The frame header must end within the first {@link FileKind#JPEG_FRAME_WITHIN} bytes: a longer search is
 * given up as not a JPEG, as early as a segment's length shows it would end too late. A height of 0 (legal in
 * T.81 when a DNL marker defines it after the first scan, and almost never used) is refused too. A scan, an end
 * of image or a second start of image before the frame is not a JPEG. Only the six fixed bytes of the frame are
 * kept; everything else is counted past.
 */
final class JpegHeader extends HeaderScan {
    /** The smallest frame segment: marker, length, precision, height, width, count, one component. */
    private static final int MIN_FRAME_SEGMENT = 2 + 2 + 6 + 3;

    private enum State { SOI_FF, SOI_D8, MARKER_FF, MARKER, LENGTH_HIGH, LENGTH_LOW, SKIP, FRAME }

    private State state = State.SOI_FF;
    private long offset;
    private int marker;
    private int length;
    private int left;
    private final byte[] frame = new byte[6];
    private int frameSeen;

    @Override
    FileKind kind() {
        return FileKind.JPEG;
    }

    @Override
    Verdict scan(ByteBuffer chunk) {
        while (chunk.hasRemaining()) {
            if (state == State.SKIP) {
                int run = (int) Math.min(left, chunk.remaining());
                chunk.position(chunk.position() + run);
                offset += run;
                left -= run;
                if (left == 0) {
                    state = State.MARKER_FF;
                }
                continue;
            }
            if (offset >= FileKind.JPEG_FRAME_WITHIN) {
                return Verdict.INVALID;
            }
            int b = chunk.get() & 0xff;
            offset++;
            Verdict verdict = next(b);
            if (verdict != Verdict.MORE) {
                return verdict;
            }
        }
        return Verdict.MORE;
    }

    private Verdict next(int b) {
        switch (state) {
            case SOI_FF -> {
                return expect(b == 0xff, State.SOI_D8);
            }
            case SOI_D8 -> {
                return expect(b == 0xd8, State.MARKER_FF);
            }
            case MARKER_FF -> {
                return expect(b == 0xff, State.MARKER);
            }
            case MARKER -> {
                return marker(b);
            }
            case LENGTH_HIGH -> {
                length = b << 8;
                state = State.LENGTH_LOW;
                return Verdict.MORE;
            }
            case LENGTH_LOW -> {
                return segmentLength(length | b);
            }
            case FRAME -> {
                return frameByte(b);
            }
            default -> throw new IllegalStateException("skipping is done in bulk");
        }
    }

    private Verdict expect(boolean ok, State then) {
        if (!ok) {
            return Verdict.INVALID;
        }
        state = then;
        return Verdict.MORE;
    }

    private Verdict marker(int b) {
        if (b == 0xff) {
            return Verdict.MORE; // a fill byte before the marker
        }
        if (b == 0x00 || b == 0xd8 || b == 0xd9 || b == 0xda) {
            return Verdict.INVALID; // stuffing outside scan data, a second SOI, EOI or a scan before any frame
        }
        if (b == 0x01 || (b >= 0xd0 && b <= 0xd7)) {
            state = State.MARKER_FF; // TEM and RSTn stand alone, without a length
            return Verdict.MORE;
        }
        marker = b;
        state = State.LENGTH_HIGH;
        return Verdict.MORE;
    }

    private Verdict segmentLength(int value) {
        length = value;
        if (value < 2) {
            return Verdict.INVALID; // the length counts its own two bytes
        }
        left = value - 2;
        if (isFrame(marker)) {
            if (left < 6 + 3 || left > 6 + 3 * 255 || offset + left > FileKind.JPEG_FRAME_WITHIN) {
                return Verdict.INVALID;
            }
            frameSeen = 0;
            state = State.FRAME;
            return Verdict.MORE;
        }
        if (offset + left + MIN_FRAME_SEGMENT > FileKind.JPEG_FRAME_WITHIN) {
            return Verdict.INVALID; // no frame header could end in time after this segment
        }
        state = left == 0 ? State.MARKER_FF : State.SKIP;
        return Verdict.MORE;
    }

    private Verdict frameByte(int b) {
        if (frameSeen < frame.length) {
            frame[frameSeen] = (byte) b;
        }
        frameSeen++;
        left--;
        if (frameSeen == frame.length) {
            int height = ((frame[1] & 0xff) << 8) | (frame[2] & 0xff);
            int width = ((frame[3] & 0xff) << 8) | (frame[4] & 0xff);
            int components = frame[5] & 0xff;
            if (height == 0 || width == 0 || components == 0 || frame.length + 3 * components != length - 2) {
                return Verdict.INVALID;
            }
        }
        return left == 0 ? Verdict.CONFIRMED : Verdict.MORE;
    }

    /** SOF0..SOF15: C0..CF without DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }
}
