package io.docverify.domain.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.DocumentType;
import io.docverify.domain.Result;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentInspectorTest {
    private static final byte[] PNG_HEADER = Headers.png();
    private static final int CHUNK = 64 * 1024;

    private static ContentInspector personalPassport() {
        return new ContentInspector(DocumentType.PASSPORT, false, UploadLimits.DWOLLA);
    }

    private static byte[] startingWith(byte[] signature, int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        System.arraycopy(signature, 0, bytes, 0, Math.min(signature.length, size));
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static InspectedFile inspected(Result<InspectedFile> result) {
        assertThat(result).isInstanceOf(Result.Ok.class);
        return result.orThrow();
    }

    private static DocumentError refusal(Result<InspectedFile> result) {
        assertThat(result).isInstanceOf(Result.Refused.class);
        return ((Result.Refused<InspectedFile>) result).error();
    }

    // ------------------------------------------------------------ size limit, both sides

    @Test
    void exactlyTenMibPasses() {
        var inspector = personalPassport();
        byte[] chunk = startingWith(PNG_HEADER, CHUNK);
        byte[] filler = new byte[CHUNK];
        long chunks = UploadLimits.TEN_MIB / CHUNK;

        assertThat(inspector.update(ByteBuffer.wrap(chunk))).isEmpty();
        for (long i = 1; i < chunks; i++) {
            assertThat(inspector.update(ByteBuffer.wrap(filler))).isEmpty();
        }

        InspectedFile file = inspected(inspector.finish());
        assertThat(file.size()).isEqualTo(UploadLimits.TEN_MIB);
        assertThat(file.kind()).isEqualTo(FileKind.PNG);
    }

    @Test
    void tenMibAndOneByteIsRefusedAtTheChunkThatCrossesTheLimitAndLaterChunksAreIgnored() {
        var inspector = personalPassport();
        byte[] filler = new byte[CHUNK];
        inspector.update(ByteBuffer.wrap(startingWith(PNG_HEADER, CHUNK)));
        for (long i = 1; i < UploadLimits.TEN_MIB / CHUNK; i++) {
            inspector.update(ByteBuffer.wrap(filler));
        }

        Optional<DocumentError> atOneByteMore = inspector.update(ByteBuffer.wrap(new byte[1]));

        assertThat(atOneByteMore).map(DocumentError::code).contains(ErrorCode.FILE_TOO_LARGE);
        long sizeWhenRefused = inspector.size();
        assertThat(inspector.update(ByteBuffer.wrap(filler))).contains(atOneByteMore.get());
        assertThat(inspector.size()).as("later chunks are not even counted").isEqualTo(sizeWhenRefused);
        assertThat(refusal(inspector.finish()).code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
    }

    @Test
    void aChunkThatCrossesASmallLimitInItsMiddleIsRefusedAndTheOneBeforeIsNot() {
        var inspector = new ContentInspector(DocumentType.PASSPORT, false, new UploadLimits(100, 4));

        assertThat(inspector.update(ByteBuffer.wrap(startingWith(PNG_HEADER, 60)))).isEmpty();
        assertThat(inspector.update(ByteBuffer.wrap(new byte[40]))).as("exactly at the limit").isEmpty();
        assertThat(inspector.update(ByteBuffer.wrap(new byte[30]))).map(DocumentError::code)
                .contains(ErrorCode.FILE_TOO_LARGE);
    }

    // ------------------------------------------------------------ kind, from the bytes, as early as possible

    @Test
    void aHeaderSplitIntoOneByteChunksIsStillRecognisedAtItsLastByte() {
        var inspector = personalPassport();
        byte[] file = startingWith(PNG_HEADER, 40);

        for (int i = 0; i < file.length; i++) {
            assertThat(inspector.update(ByteBuffer.wrap(file, i, 1))).isEmpty();
            assertThat(inspector.kind()).as("after %d bytes", i + 1)
                    .isEqualTo(i + 1 < PNG_HEADER.length ? Optional.empty() : Optional.of(FileKind.PNG));
        }

        assertThat(inspected(inspector.finish()).kind()).isEqualTo(FileKind.PNG);
    }

    @Test
    void anUnknownKindIsRefusedAtTheFirstByteThatRulesOutEveryKind() {
        var inspector = personalPassport();
        byte[] gif = startingWith("GIF89a".getBytes(StandardCharsets.US_ASCII), 64);

        Optional<DocumentError> atFirst = inspector.update(ByteBuffer.wrap(gif, 0, 1));

        assertThat(atFirst).map(DocumentError::code).contains(ErrorCode.INVALID_FILE_TYPE);
        assertThat(inspector.update(ByteBuffer.wrap(gif, 1, 63))).contains(atFirst.get());
        assertThat(refusal(inspector.finish()).code()).isEqualTo(ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void aPngWhoseHeaderBreaksIsRefusedAtTheBreakingByte() {
        byte[] file = startingWith(PNG_HEADER, 64);
        file[13] = 'X'; // "IXDR"
        var inspector = personalPassport();

        for (int i = 0; i < 13; i++) {
            assertThat(inspector.update(ByteBuffer.wrap(file, i, 1))).as("byte %d", i).isEmpty();
        }
        assertThat(inspector.update(ByteBuffer.wrap(file, 13, 1))).map(DocumentError::code)
                .contains(ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void aPdfIsRefusedForAPersonalIdAtItsFirstByte() {
        var inspector = personalPassport();

        assertThat(inspector.update(ByteBuffer.wrap(Headers.pdf(), 0, 1)))
                .map(DocumentError::code).contains(ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void aPdfPassesForABusinessOtherDocumentOnly() {
        byte[] pdf = Headers.pdf(new byte[64]);
        var business = new ContentInspector(DocumentType.OTHER, true, UploadLimits.DWOLLA);
        var personalOther = new ContentInspector(DocumentType.OTHER, false, UploadLimits.DWOLLA);
        var businessLicense = new ContentInspector(DocumentType.LICENSE, true, UploadLimits.DWOLLA);

        assertThat(business.update(ByteBuffer.wrap(pdf))).isEmpty();
        assertThat(inspected(business.finish()).kind()).isEqualTo(FileKind.PDF);
        assertThat(personalOther.update(ByteBuffer.wrap(pdf))).map(DocumentError::code)
                .contains(ErrorCode.INVALID_FILE_TYPE);
        assertThat(businessLicense.update(ByteBuffer.wrap(pdf))).map(DocumentError::code)
                .contains(ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void aPdfWithoutItsTrailerIsAnInvalidFileTypeAtTheEnd() {
        var business = new ContentInspector(DocumentType.OTHER, true, UploadLimits.DWOLLA);
        byte[] noTrailer = startingWith(Headers.PDF_HEADER, 300_000);

        assertThat(business.update(ByteBuffer.wrap(noTrailer))).as("the trailer may still come").isEmpty();
        assertThat(business.kind()).isEmpty();

        assertThat(refusal(business.finish()).code()).isEqualTo(ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void aPdfTrailerSplitAcrossChunksIsFound() {
        byte[] pdf = Headers.pdf(new byte[5000]);
        var business = new ContentInspector(DocumentType.OTHER, true, UploadLimits.DWOLLA);
        int split = pdf.length - 4; // "%%E" | "OF\n"

        assertThat(business.update(pdf, 0, split)).isEmpty();
        assertThat(business.update(pdf, split, 4)).isEmpty();

        assertThat(inspected(business.finish()).kind()).isEqualTo(FileKind.PDF);
    }

    @Test
    void threeBytesFfD8FfAreAnInvalidFileTypeAtTheEnd() {
        var inspector = personalPassport();

        assertThat(inspector.update(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, 0, 3)).isEmpty();
        assertThat(inspector.kind()).isEmpty();

        assertThat(refusal(inspector.finish()).code()).isEqualTo(ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void aBarePngSignatureIsAnInvalidFileTypeAtTheEnd() {
        var inspector = personalPassport();

        assertThat(inspector.update(Headers.PNG_SIGNATURE, 0, 8)).isEmpty();

        assertThat(refusal(inspector.finish()).code()).isEqualTo(ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void aJpegWithoutAFrameInTheFirstMibIsRefusedWithinThoseBytes() {
        byte[] file = Headers.concat(Headers.jpeg(Headers.fillerSegments(FileKind.JPEG_FRAME_WITHIN)),
                Headers.frame(0xc0, 1, 1, 1));
        var inspector = personalPassport();

        assertThat(inspector.update(file, 0, FileKind.JPEG_FRAME_WITHIN)).map(DocumentError::code)
                .contains(ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void aSegmentThatEndsTooLateForAFrameIsRefusedAtItsLengthBytes() {
        int before = FileKind.JPEG_FRAME_WITHIN - 2 - 1000;
        byte[] file = Headers.jpeg(Headers.fillerSegments(before), Headers.segment(0xe1, new byte[65_533]));
        var inspector = personalPassport();
        int firstLengthByte = 2 + before + 2;

        assertThat(inspector.update(file, 0, firstLengthByte + 1)).isEmpty();
        assertThat(inspector.update(file, firstLengthByte + 1, 1)).as("the second length byte")
                .map(DocumentError::code).contains(ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void aTinyFileOfAnotherKindIsAnInvalidFileType() {
        var inspector = personalPassport();

        inspector.update("hello".getBytes(StandardCharsets.US_ASCII), 0, 5);

        assertThat(refusal(inspector.finish()).code()).isEqualTo(ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void anEmptyFileIsAValidationErrorOnFile() {
        var inspector = personalPassport();
        inspector.update(ByteBuffer.allocate(0));

        DocumentError error = refusal(inspector.finish());

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(error.fieldErrors()).singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("/file"));
        assertThat(refusal(inspector.finish())).as("finishing twice gives the same refusal").isEqualTo(error);
    }

    // ------------------------------------------------------------ fingerprint and the caller's buffers

    @Test
    void theFingerprintIsTheSha256OfAllBytesWhateverTheChunking() throws Exception {
        byte[] file = startingWith(PNG_HEADER, 200_000);
        var inspector = personalPassport();
        var random = new Random(42);
        int offset = 0;
        while (offset < file.length) {
            int length = Math.min(file.length - offset, 1 + random.nextInt(9000));
            assertThat(inspector.update(file, offset, length)).isEmpty();
            offset += length;
        }

        InspectedFile inspected = inspected(inspector.finish());

        assertThat(inspected.fingerprint().sha256Hex()).isEqualTo(sha256(file));
        assertThat(inspected.size()).isEqualTo(file.length);
    }

    @Test
    void theCallersBufferPositionAndLimitAreLeftUntouched() throws Exception {
        byte[] backing = new byte[100];
        byte[] file = startingWith(PNG_HEADER, 50);
        System.arraycopy(file, 0, backing, 10, 50);
        ByteBuffer chunk = ByteBuffer.wrap(backing).position(10).limit(60);
        var inspector = personalPassport();

        assertThat(inspector.update(chunk)).isEmpty();

        assertThat(chunk.position()).isEqualTo(10);
        assertThat(chunk.limit()).isEqualTo(60);
        InspectedFile inspected = inspected(inspector.finish());
        assertThat(inspected.size()).as("only the remaining bytes count").isEqualTo(50);
        assertThat(inspected.fingerprint().sha256Hex()).isEqualTo(sha256(file));
    }

    @Test
    void aReadOnlyDirectBufferIsInspectedLikeAHeapBuffer() throws Exception {
        byte[] file = startingWith(PNG_HEADER, 1000);
        ByteBuffer direct = ByteBuffer.allocateDirect(file.length).put(file).flip().asReadOnlyBuffer();
        var inspector = personalPassport();

        assertThat(inspector.update(direct)).isEmpty();

        assertThat(direct.position()).isZero();
        assertThat(inspected(inspector.finish()).fingerprint().sha256Hex()).isEqualTo(sha256(file));
    }
}
