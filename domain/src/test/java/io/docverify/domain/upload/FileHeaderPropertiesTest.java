package io.docverify.domain.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.docverify.domain.DocumentType;
import io.docverify.domain.Result;
import io.docverify.domain.error.DocumentError;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The header rules as properties: over generated headers, tails and chunkings. */
class FileHeaderPropertiesTest {
    private static final Gen<Byte> ANY_BYTE = Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
    /** Bytes of a PDF body that never form a trailer by chance. */
    private static final Gen<Byte> NOT_PERCENT = ANY_BYTE.map(b -> b == '%' ? (byte) ' ' : b);

    private static Gen<byte[]> bytes(int max) {
        return Generate.byteArrays(integers().between(0, max), ANY_BYTE);
    }

    private static final byte[] EOF = {'%', '%', 'E', 'O', 'F'};

    private static final Gen<byte[]> PNG_HEADERS = integers().between(1, Integer.MAX_VALUE)
            .zip(integers().between(1, Integer.MAX_VALUE), Headers::png);

    /** Markers that may come before the frame, skipped by their length. */
    private static final Gen<Integer> SKIPPED_MARKERS = Generate.pick(List.of(0xe0, 0xe1, 0xe2, 0xed, 0xef, 0xfe,
            0xdb, 0xc4, 0xdd, 0xc8, 0xcc));
    private static final Gen<Integer> FRAME_MARKERS = Generate.pick(List.of(0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6,
            0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf));

    private static final Gen<byte[]> JPEG_HEADERS = lists()
            .of(SKIPPED_MARKERS.zip(bytes(3000), Headers::segment))
            .ofSizeBetween(0, 6)
            .zip(FRAME_MARKERS, integers().between(1, 65_535), integers().between(1, 65_535),
                    (segments, marker, height, width) -> {
                        byte[][] all = segments.toArray(new byte[segments.size() + 1][]);
                        all[segments.size()] = Headers.frame(marker, height, width, 3);
                        return Headers.jpeg(all);
                    });

    /** Header, a body, the trailer: complete only with its trailer, so the whole file is its "header". */
    private static final Gen<byte[]> PDFS = Generate.byteArrays(integers().between(0, 4000), NOT_PERCENT)
            .map(body -> Headers.concat(Headers.PDF_HEADER, body, EOF));

    private static final Gen<byte[]> HEADERS = Generate.oneOf(PNG_HEADERS, JPEG_HEADERS, PDFS);

    /** Cut points, as fractions of the file in thousandths. */
    private static final Gen<List<Integer>> CUTS = lists().of(integers().between(0, 1000)).ofSizeBetween(0, 8);

    /** A business customer's {@code other} document: every kind is allowed, so only the header decides. */
    private static ContentInspector anyKindAllowed() {
        return new ContentInspector(DocumentType.OTHER, true, UploadLimits.DWOLLA);
    }

    private static Result<InspectedFile> inspect(byte[] file, List<Integer> cuts) {
        int[] points = cuts.stream().mapToInt(c -> (int) ((long) c * file.length / 1000)).sorted().toArray();
        var inspector = anyKindAllowed();
        int from = 0;
        for (int point : points) {
            inspector.update(file, from, point - from);
            from = point;
        }
        inspector.update(file, from, file.length - from);
        return inspector.finish();
    }

    private static Optional<FileKind> kindOf(Result<InspectedFile> result) {
        return result instanceof Result.Ok<InspectedFile> ok ? Optional.of(ok.value().kind()) : Optional.empty();
    }

    @Test
    void anyCompletePngOrJpegHeaderFollowedByAnyTailPassesAsItsKind() {
        qt().forAll(Generate.oneOf(PNG_HEADERS, JPEG_HEADERS), bytes(5000), CUTS).checkAssert((header, tail, cuts) ->
                assertThat(kindOf(inspect(Headers.concat(header, tail), cuts)))
                        .contains(header[0] == (byte) 0x89 ? FileKind.PNG : FileKind.JPEG));
    }

    @Test
    void anyPdfWhoseTrailerEndsWithinTheLast1024BytesPasses() {
        qt().forAll(PDFS, Generate.byteArrays(integers().between(0, FileKind.PDF_TRAILER_WITHIN - EOF.length), NOT_PERCENT),
                CUTS).checkAssert((pdf, tail, cuts) ->
                        assertThat(kindOf(inspect(Headers.concat(pdf, tail), cuts))).contains(FileKind.PDF));
    }

    @Test
    void anyStrictPrefixOfACompleteHeaderIsAnInvalidFileType() {
        qt().forAll(HEADERS, integers().between(0, 999), CUTS).checkAssert((header, fraction, cuts) -> {
            byte[] prefix = Arrays.copyOf(header, (int) ((long) fraction * (header.length - 1) / 999));
            Result<InspectedFile> result = inspect(prefix, cuts);
            assertThat(result).isInstanceOf(Result.Refused.class);
            DocumentError error = ((Result.Refused<InspectedFile>) result).error();
            assertThat(error.code().wire()).isIn("invalidFileType", "ValidationError"); // the empty prefix
        });
    }

    @Test
    void chunkingNeverChangesTheVerdict() {
        Gen<byte[]> files = Generate.oneOf(HEADERS, bytes(200)).zip(bytes(2000), integers().between(-1, 2999),
                (header, tail, flip) -> {
                    byte[] file = Headers.concat(header, tail);
                    if (flip >= 0 && flip < file.length) {
                        file[flip] ^= 0x10; // sometimes one damaged byte
                    }
                    return file;
                });
        qt().forAll(files, CUTS).checkAssert((file, cuts) ->
                assertThat(inspect(file, cuts)).isEqualTo(inspect(file, List.of())));
    }

    @Test
    void oneByteChunksGiveTheSameVerdictAsOneChunk() {
        qt().withExamples(200).forAll(HEADERS, bytes(100)).checkAssert((header, tail) -> {
            byte[] file = Headers.concat(header, tail);
            var inspector = anyKindAllowed();
            for (int i = 0; i < file.length; i++) {
                inspector.update(ByteBuffer.wrap(file, i, 1));
            }
            assertThat(inspector.finish()).isEqualTo(inspect(file, List.of()));
        });
    }
}
