package io.docverify.domain.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FileKindTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F'};
    private static final byte[] PDF = "%PDF-1.7".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theEightBytePngSignatureIsAPng() {
        assertThat(FileKind.detect(PNG, PNG.length)).isEqualTo(FileKind.PNG);
    }

    @Test
    void aPngSignatureWithOneWrongByteIsUnknown() {
        for (int i = 0; i < PNG.length; i++) {
            byte[] broken = PNG.clone();
            broken[i] ^= 0x01;
            assertThat(FileKind.detect(broken, broken.length)).as("byte %d changed", i).isEqualTo(FileKind.UNKNOWN);
        }
    }

    @Test
    void aPngNeedsAllEightSignatureBytes() {
        assertThat(FileKind.detect(PNG, 7)).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void ffD8FfIsAJpegWhateverFollows() {
        assertThat(FileKind.detect(JPEG, JPEG.length)).isEqualTo(FileKind.JPEG);
        byte[] exif = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe1, 1, 2, 3, 4};
        assertThat(FileKind.detect(exif, exif.length)).isEqualTo(FileKind.JPEG);
    }

    @Test
    void aTinyFileOfJustTheThreeJpegBytesIsAJpegAndTwoBytesAreNot() {
        assertThat(FileKind.detect(JPEG, 3)).isEqualTo(FileKind.JPEG);
        assertThat(FileKind.detect(JPEG, 2)).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void percentPdfDashIsAPdfAndWithoutTheDashItIsNot() {
        assertThat(FileKind.detect(PDF, PDF.length)).isEqualTo(FileKind.PDF);
        assertThat(FileKind.detect(PDF, 5)).isEqualTo(FileKind.PDF);
        assertThat(FileKind.detect(PDF, 4)).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void otherFormatsAndNoBytesAreUnknown() {
        byte[] gif = "GIF89a..".getBytes(StandardCharsets.US_ASCII);
        byte[] text = "hello wo".getBytes(StandardCharsets.US_ASCII);
        assertThat(FileKind.detect(gif, gif.length)).isEqualTo(FileKind.UNKNOWN);
        assertThat(FileKind.detect(text, text.length)).isEqualTo(FileKind.UNKNOWN);
        assertThat(FileKind.detect(new byte[8], 8)).isEqualTo(FileKind.UNKNOWN);
        assertThat(FileKind.detect(new byte[0], 0)).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void onlyTheFirstLengthBytesCount() {
        byte[] padded = Arrays.copyOf(PNG, 32);
        assertThat(FileKind.detect(padded, 8)).isEqualTo(FileKind.PNG);
        assertThat(FileKind.detect(padded, 0)).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void eachKindNamesItsMediaType() {
        assertThat(FileKind.JPEG.mediaType()).isEqualTo("image/jpeg");
        assertThat(FileKind.PNG.mediaType()).isEqualTo("image/png");
        assertThat(FileKind.PDF.mediaType()).isEqualTo("application/pdf");
        assertThat(FileKind.SIGNATURE_LENGTH).isEqualTo(8);
    }
}
