package io.docverify.ports.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.ports.stream.RecordingSubscriber;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileUploadTest {
    private static final int CHUNK = FileUpload.CHUNK_SIZE;

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static RecordingSubscriber readAll(FileUpload upload) {
        var subscriber = RecordingSubscriber.oneByOne();
        upload.content().subscribe(subscriber);
        return subscriber;
    }

    // ------------------------------------------------------------ chunking

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17})
    void ofBytesDeliversTheBytesInChunksOfAtMostTheChunkSize(int size) {
        byte[] file = random(size);

        RecordingSubscriber subscriber = readAll(FileUpload.ofBytes("scan.png", file));

        assertThat(subscriber.completed).isTrue();
        assertThat(subscriber.error).isNull();
        assertThat(subscriber.bytes.toByteArray()).isEqualTo(file);
        assertThat(subscriber.chunks).hasSize((size + CHUNK - 1) / CHUNK);
        assertThat(subscriber.chunks).allSatisfy(c -> assertThat(c.remaining()).isBetween(1, CHUNK));
    }

    @Test
    void ofBytesHandsOutReadOnlyViewsSoTheCallerCannotChangeTheOriginal() {
        byte[] file = random(100);

        RecordingSubscriber subscriber = readAll(FileUpload.ofBytes("scan.png", file));

        assertThat(subscriber.chunks).allSatisfy(c -> assertThat(c.isReadOnly()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK, CHUNK + 1, 2 * CHUNK + 5})
    void ofPathDeliversTheFilesBytesInChunks(int size, @TempDir Path dir) throws Exception {
        byte[] file = random(size);
        Path path = Files.write(dir.resolve("scan.png"), file);

        RecordingSubscriber subscriber = readAll(FileUpload.ofPath("scan.png", path));

        assertThat(subscriber.completed).isTrue();
        assertThat(subscriber.bytes.toByteArray()).isEqualTo(file);
        assertThat(subscriber.chunks).hasSize((size + CHUNK - 1) / CHUNK);
    }

    @Test
    void ofPathOpensTheFileOnlyWhenReadAndReportsAMissingFileAsAnError(@TempDir Path dir) {
        FileUpload upload = FileUpload.ofPath("scan.png", dir.resolve("missing.png"));

        RecordingSubscriber subscriber = readAll(upload);

        assertThat(subscriber.error).isInstanceOf(NoSuchFileException.class);
        assertThat(subscriber.completed).isFalse();
    }

    @Test
    void ofPathOnlyReadsAsMuchAsWasRequested(@TempDir Path dir) throws Exception {
        Path path = Files.write(dir.resolve("scan.png"), random(5 * CHUNK));
        var subscriber = new RecordingSubscriber(2, (s, c) -> { });

        FileUpload.ofPath("scan.png", path).content().subscribe(subscriber);

        assertThat(subscriber.chunks).hasSize(2);
        assertThat(subscriber.completed).isFalse();
        subscriber.subscription.cancel();
    }

    // ------------------------------------------------------------ single use

    @Test
    void theContentCanBeSubscribedToOnlyOnce() {
        FileUpload upload = FileUpload.ofBytes("scan.png", random(10));
        readAll(upload);

        RecordingSubscriber second = readAll(upload);

        assertThat(second.subscription).as("rule 1.9: onSubscribe before onError").isNotNull();
        assertThat(second.error).isInstanceOf(IllegalStateException.class);
        assertThat(second.chunks).isEmpty();
    }

    // ------------------------------------------------------------ the file name

    @Test
    void aFileNameOf255CharactersPassesAnd256IsAValidationError() {
        assertThat(FileUpload.ofBytes("a".repeat(255), new byte[1]).fileName()).hasSize(255);
        assertThatThrownBy(() -> FileUpload.ofBytes("a".repeat(256), new byte[1]))
                .isInstanceOfSatisfying(DocumentException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "../etc/passwd", "dir\\scan.png", "quote\".png", "new\nline.png", "del\u007f"})
    void aMissingOrUnsafeFileNameIsAValidationErrorOnFile(String name) {
        assertThatThrownBy(() -> FileUpload.ofBytes(name, new byte[1]))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.error().fieldErrors()).singleElement()
                            .satisfies(f -> assertThat(f.path()).isEqualTo("/file"));
                });
    }

    @Test
    void aFileNameSaysNothingAboutTheKindSoAnyExtensionIsAccepted() {
        assertThat(FileUpload.ofBytes("scan.exe", new byte[1]).fileName()).isEqualTo("scan.exe");
        assertThat(FileUpload.ofBytes("résumé scan.png", new byte[1]).fileName()).isEqualTo("résumé scan.png");
    }

    @Test
    void nullContentIsRefused() {
        assertThatThrownBy(() -> new FileUpload("scan.png", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FileUpload.ofBytes("scan.png", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aChunkIsAViewWithItsOwnPosition() {
        RecordingSubscriber subscriber = readAll(FileUpload.ofBytes("scan.png", random(CHUNK + 3)));

        ByteBuffer second = subscriber.chunks.get(1);
        assertThat(second.position()).isZero();
        assertThat(second.remaining()).isEqualTo(3);
    }
}
