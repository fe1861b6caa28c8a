package io.docverify.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.upload.FileKind;
import org.junit.jupiter.api.Test;

/** The shared fixtures are what they claim to be: complete files of their kind, of the size asked for. */
class TestFilesTest {

    private static FileKind kindOf(byte[] file) {
        return FileKind.detect(file, file.length);
    }

    @Test
    void eachFileIsConfirmedAsItsKindByTheDomain() {
        assertThat(kindOf(TestFiles.png())).isEqualTo(FileKind.PNG);
        assertThat(kindOf(TestFiles.png(10 * 1024 * 1024))).isEqualTo(FileKind.PNG);
        assertThat(kindOf(TestFiles.jpeg())).isEqualTo(FileKind.JPEG);
        assertThat(kindOf(TestFiles.jpeg(4096))).isEqualTo(FileKind.JPEG);
        assertThat(kindOf(TestFiles.pdf())).isEqualTo(FileKind.PDF);
        assertThat(kindOf(TestFiles.withSignature(TestFiles.PDF_SIGNATURE, 5000))).isEqualTo(FileKind.PDF);
        assertThat(kindOf(TestFiles.gif())).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void theHeadersAloneAreCompleteAndTheBareMagicIsNot() {
        assertThat(kindOf(TestFiles.PNG_SIGNATURE)).isEqualTo(FileKind.PNG);
        assertThat(kindOf(TestFiles.JPEG_SIGNATURE)).isEqualTo(FileKind.JPEG);
        assertThat(kindOf(TestFiles.PNG_MAGIC)).isEqualTo(FileKind.UNKNOWN);
        assertThat(kindOf(TestFiles.PDF_SIGNATURE)).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void sizesAreExactAndFilesUnique() {
        assertThat(TestFiles.png(1234)).hasSize(1234);
        assertThat(TestFiles.jpeg()).hasSize(64);
        assertThat(TestFiles.pdf()).hasSize(64);
        assertThat(TestFiles.png()).isNotEqualTo(TestFiles.png());
        assertThat(TestFiles.pdf()).isNotEqualTo(TestFiles.pdf());
    }

    @Test
    void bytesWrittenFromTheFillerOffsetOnLeaveTheKindAlone() {
        for (byte[] file : new byte[][] {TestFiles.png(4096), TestFiles.jpeg(4096)}) {
            FileKind kind = kindOf(file);
            java.util.Arrays.fill(file, TestFiles.FILLER_OFFSET, file.length, (byte) 0xff);
            assertThat(kindOf(file)).isEqualTo(kind);
        }
    }
}
