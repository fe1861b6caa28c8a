package io.docverify.domain.upload;

import static io.docverify.domain.upload.Headers.concat;
import static io.docverify.domain.upload.Headers.frame;
import static io.docverify.domain.upload.Headers.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FileKind#detect}: a kind only from a complete header, as {@link ContentInspector} decides it. */
class FileKindTest {

    private static FileKind detect(byte[] file) {
        return FileKind.detect(file, file.length);
    }

    // ------------------------------------------------------------ PNG: signature and a whole IHDR chunk

    @Test
    void aPngSignatureAndAWholeIhdrChunkIsAPng() {
        assertThat(detect(Headers.png())).isEqualTo(FileKind.PNG);
        assertThat(detect(concat(Headers.png(1, 1), new byte[] {1, 2, 3}))).isEqualTo(FileKind.PNG);
    }

    @Test
    void theBareEightBytePngSignatureIsNotAPng() {
        assertThat(detect(Headers.PNG_SIGNATURE)).isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(concat(Headers.PNG_SIGNATURE, new byte[64]))).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void aPngWithAZeroWidthOrHeightIsNotAPng() {
        assertThat(detect(Headers.png(0, 480))).isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(Headers.png(640, 0))).isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(Headers.png(-1, 480))).as("2^32-1 is beyond PNG's 2^31-1").isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void aPngWhoseFirstChunkIsNotAThirteenByteIhdrIsNotAPng() {
        byte[] longer = Headers.png();
        longer[11] = 14;
        byte[] otherType = Headers.png();
        otherType[12] = 'i';
        assertThat(detect(longer)).isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(otherType)).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void aPngWithABrokenIhdrCrcIsNotAPng() {
        byte[] png = Headers.png();
        png[32] ^= 0x01;
        assertThat(detect(png)).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void everyByteOfThePngHeaderMatters() {
        byte[] png = Headers.png();
        for (int i = 0; i < png.length; i++) {
            byte[] broken = png.clone();
            broken[i] ^= 0x40;
            assertThat(detect(broken)).as("byte %d changed", i).isEqualTo(FileKind.UNKNOWN);
        }
    }

    // ------------------------------------------------------------ JPEG: SOI and a frame header with dimensions

    @Test
    void soiAndAFrameHeaderIsAJpeg() {
        assertThat(detect(Headers.jpeg())).isEqualTo(FileKind.JPEG);
        assertThat(detect(Headers.jpeg(frame(0xc0, 1, 1, 1)))).isEqualTo(FileKind.JPEG);
    }

    @Test
    void threeBytesFfD8FfAreNotAJpeg() {
        assertThat(detect(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})).isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(Headers.jpeg(Headers.app0()))).as("no frame header").isEqualTo(FileKind.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(ints = {0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf})
    void everyStartOfFrameMarkerCounts(int marker) {
        assertThat(detect(Headers.jpeg(frame(marker, 10, 20, 3)))).isEqualTo(FileKind.JPEG);
    }

    @ParameterizedTest
    @ValueSource(ints = {0xc4, 0xc8, 0xcc})
    void dhtJpgAndDacAreSkippedNotTakenForAFrame(int marker) {
        byte[] looksLikeAFrame = Arrays.copyOfRange(frame(0xc0, 10, 20, 3), 4, 19);
        assertThat(detect(Headers.jpeg(segment(marker, looksLikeAFrame)))).isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(Headers.jpeg(segment(marker, looksLikeAFrame), frame(0xc0, 10, 20, 3))))
                .isEqualTo(FileKind.JPEG);
    }

    @Test
    void segmentsBeforeTheFrameAreSkippedByTheirLengths() {
        byte[] exif = segment(0xe1, new byte[30_000]);
        byte[] comment = segment(0xfe, "FF C0 inside a comment is not a frame: \u00ff\u00c0"
                .getBytes(StandardCharsets.ISO_8859_1));
        byte[] dqt = segment(0xdb, new byte[65]);
        byte[] dri = segment(0xdd, new byte[] {0, 4});
        byte[] fill = {(byte) 0xff, (byte) 0xff}; // fill bytes before a marker
        byte[] file = Headers.jpeg(Headers.app0(), exif, comment, dqt, dri, fill, frame(0xc2, 100, 200, 3));
        assertThat(detect(file)).isEqualTo(FileKind.JPEG);
    }

    @Test
    void aJpegWithAZeroHeightOrWidthIsNotAJpeg() {
        assertThat(detect(Headers.jpeg(0, 640))).as("a DNL-defined height is refused too").isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(Headers.jpeg(480, 0))).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void aFrameHeaderWhoseLengthDisagreesWithItsComponentsIsNotAJpeg() {
        byte[] frame = frame(0xc0, 10, 20, 3);
        frame[9] = 2; // two components announced, three given
        assertThat(detect(Headers.jpeg(frame))).isEqualTo(FileKind.UNKNOWN);
        byte[] none = frame(0xc0, 10, 20, 0);
        assertThat(detect(Headers.jpeg(none))).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void scanDataOrAnEndOfImageBeforeAnyFrameIsNotAJpeg() {
        byte[] sos = segment(0xda, new byte[10]);
        assertThat(detect(concat(Headers.jpeg(sos), frame(0xc0, 10, 20, 3)))).isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(concat(Headers.jpeg(new byte[] {(byte) 0xff, (byte) 0xd9}), frame(0xc0, 1, 1, 1))))
                .isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(concat(Headers.jpeg(new byte[] {0x12, 0x34}), frame(0xc0, 1, 1, 1))))
                .as("not a marker where one must be").isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void aPhoneSizedExifSegmentAndAnIccProfileBeforeTheFrameAreFine() {
        byte[] exif = segment(0xe1, new byte[65533]);
        byte[] icc = segment(0xe2, new byte[30_000]);
        assertThat(detect(Headers.jpeg(Headers.app0(), exif, icc, frame(0xc0, 3024, 4032, 3))))
                .isEqualTo(FileKind.JPEG);
    }

    @Test
    void aFrameHeaderMustEndWithinTheFirstMibAndOneByteLaterIsTooLate() {
        byte[] frame = frame(0xc0, 10, 20, 3);
        int filler = FileKind.JPEG_FRAME_WITHIN - 2 - frame.length;
        byte[] justInside = Headers.jpeg(Headers.fillerSegments(filler), frame);
        byte[] justOutside = Headers.jpeg(Headers.fillerSegments(filler + 1), frame);

        assertThat(justInside).hasSize(FileKind.JPEG_FRAME_WITHIN);
        assertThat(detect(justInside)).isEqualTo(FileKind.JPEG);
        assertThat(detect(justOutside)).isEqualTo(FileKind.UNKNOWN);
    }

    // ------------------------------------------------------------ PDF: %PDF- at the start, %%EOF near the end

    @Test
    void aPdfHeaderAndAnEofTrailerIsAPdf() {
        assertThat(detect(Headers.pdf())).isEqualTo(FileKind.PDF);
        assertThat(detect("%PDF-%%EOF".getBytes(StandardCharsets.US_ASCII))).isEqualTo(FileKind.PDF);
    }

    @Test
    void aPdfWithoutItsTrailerIsNotAPdf() {
        assertThat(detect(Headers.PDF_HEADER)).isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(concat(Headers.PDF_HEADER, new byte[100]))).isEqualTo(FileKind.UNKNOWN);
        assertThat(detect("%PDF%%EOF".getBytes(StandardCharsets.US_ASCII))).as("no dash").isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void theTrailerCountsInTheLast1024BytesOnly() {
        byte[] eof = "%%EOF".getBytes(StandardCharsets.US_ASCII);
        byte[] inside = concat(Headers.PDF_HEADER, new byte[5000], eof, new byte[FileKind.PDF_TRAILER_WITHIN - 5]);
        byte[] outside = concat(Headers.PDF_HEADER, new byte[5000], eof,
                new byte[FileKind.PDF_TRAILER_WITHIN - 4]);
        assertThat(detect(inside)).isEqualTo(FileKind.PDF);
        assertThat(detect(outside)).isEqualTo(FileKind.UNKNOWN);
    }

    // ------------------------------------------------------------ others

    @Test
    void otherFormatsAndNoBytesAreUnknown() {
        assertThat(detect("GIF89a..".getBytes(StandardCharsets.US_ASCII))).isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(new byte[64])).isEqualTo(FileKind.UNKNOWN);
        assertThat(detect(new byte[0])).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void onlyTheFirstLengthBytesCount() {
        byte[] padded = Arrays.copyOf(Headers.png(), 64);
        assertThat(FileKind.detect(padded, 33)).isEqualTo(FileKind.PNG);
        assertThat(FileKind.detect(padded, 32)).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void eachKindNamesItsMediaType() {
        assertThat(FileKind.JPEG.mediaType()).isEqualTo("image/jpeg");
        assertThat(FileKind.PNG.mediaType()).isEqualTo("image/png");
        assertThat(FileKind.PDF.mediaType()).isEqualTo("application/pdf");
        assertThat(ByteBuffer.wrap(Headers.png(), 16, 8).getLong()).isEqualTo((640L << 32) | 480);
    }
}
