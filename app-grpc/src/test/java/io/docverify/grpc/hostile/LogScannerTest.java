package io.docverify.grpc.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The log scanner finds what it looks for, in every form, wherever it sits in a line; and only that. */
class LogScannerTest {
    private static final String KEY = "planted-api-key-0123456789";

    @TempDir
    Path dir;

    private final LogScanner scanner = new LogScanner().secret("the planted key", KEY)
            .secret("the file marker", LeakMarker.BYTES);

    @Test
    void aPlantedKeyIsFoundWithItsFileAndLine() throws IOException {
        Path log = write("clean.log", "ts=1 level=INFO msg=\"started\"\nts=2 level=WARN msg=\"auth " + KEY + "\"\n");

        var findings = scanner.scan(List.of(log));

        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).line()).isEqualTo(2);
        assertThat(findings.get(0).toString()).contains("clean.log:2", "the planted key raw").doesNotContain(KEY);
    }

    @Test
    void cleanLogsHaveNoFindings() throws IOException {
        Path log = write("clean.log", "ts=1 level=INFO msg=\"upload created\" event=\"upload.created\" "
                + "documentId=6a1f bytesReceived=4096\n");

        assertThat(scanner.scan(List.of(log))).isEmpty();
    }

    /** File bytes inside any longer content, logged raw, as hex, as a byte array or as base64, are found. */
    @Test
    void fileBytesAreFoundInEveryEncodingAtEveryOffset() {
        Gen<byte[]> around = Generate.byteArrays(integers().between(0, 40),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        Gen<Integer> encodings = integers().between(0, 5);
        qt().withExamples(300).forAll(around, around, encodings).checkAssert((prefix, suffix, encoding) -> {
            byte[] content = concat(concat(prefix, LeakMarker.BYTES), suffix);
            String line = switch (encoding) {
                case 0 -> new String(content, StandardCharsets.ISO_8859_1);
                case 1 -> HexFormat.of().formatHex(content);
                case 2 -> HexFormat.ofDelimiter(" ").formatHex(content);
                case 3 -> java.util.Arrays.toString(content);
                case 4 -> Base64.getEncoder().encodeToString(content);
                default -> Base64.getUrlEncoder().encodeToString(content);
            };
            Path log = write("leak-" + encoding + ".log", "ts=1 level=DEBUG msg=\"frame\" data=" + line + "\n");
            assertThat(scanner.scan(List.of(log))).as("encoding %d, %d bytes before, %d after", encoding,
                    prefix.length, suffix.length).isNotEmpty();
        });
    }

    @Test
    void randomBytesWithoutTheSecretsAreNotFindings() {
        var random = new Random(42);
        byte[] noise = new byte[1 << 20];
        random.nextBytes(noise);
        Path log = write("noise.log", new String(noise, StandardCharsets.ISO_8859_1)
                + Base64.getEncoder().encodeToString(noise));

        assertThat(scanner.scan(List.of(log))).isEmpty();
    }

    private Path write(String name, String text) {
        try {
            return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
