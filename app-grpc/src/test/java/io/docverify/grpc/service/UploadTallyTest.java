package io.docverify.grpc.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.google.protobuf.ByteString;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.upload.Fingerprint;
import io.docverify.grpc.Calls;
import io.docverify.grpc.v1.DocumentServiceProto.UploadFinish;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The check of a {@code finish} message against what the stream carried, however the bytes were chunked: the size
 * here, the SHA-256 through the {@code DeclaredDigest} the provider checks against its own fingerprint.
 */
class UploadTallyTest {
    private static final Gen<List<byte[]>> CHUNKS = lists().of(Generate.byteArrays(integers().between(0, 3000),
            Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))).ofSizeBetween(0, 8);

    @Test
    void aFinishWithTheSizeAndDigestOfTheChunksMatchesHoweverTheyWereSplit() {
        qt().forAll(CHUNKS, Generate.booleans()).checkAssert((chunks, upperCase) -> {
            byte[] file = concat(chunks);
            String digest = Calls.sha256(file);
            UploadTally tally = tallyOf(chunks, 0);
            assertThat(tally.verify(finish(file.length, upperCase ? digest.toUpperCase() : digest))).isEmpty();
            assertThat(tally.digest().declared()).as("declared to the provider, in lower case")
                    .contains(new Fingerprint(digest));
            assertThat(tally.digest().check(new Fingerprint(digest))).isEmpty();
            UploadTally withoutDigest = tallyOf(chunks, 0);
            assertThat(withoutDigest.verify(finish(file.length, ""))).isEmpty();
            assertThat(withoutDigest.digest().declared()).isEmpty();
        });
    }

    @Test
    void aFinishWithAnotherSizeOrDigestIsRefusedOnItsField() {
        qt().forAll(CHUNKS, integers().between(-5, 4).map(d -> d >= 0 ? d + 1 : d)).checkAssert((chunks, delta) -> {
            byte[] file = concat(chunks);
            assertThat(pathOf(tallyOf(chunks, 0).verify(finish(file.length + delta, "")))).isEqualTo(
                    "/finish/sizeBytes");
            byte[] other = concat(List.of(file, new byte[] {(byte) (delta & 0xff)}));
            UploadTally tally = tallyOf(chunks, 0);
            assertThat(tally.verify(finish(file.length, Calls.sha256(other)))).as("the size matches").isEmpty();
            assertThat(pathOf(tally.digest().check(new Fingerprint(Calls.sha256(file)))))
                    .as("the provider's check of the bytes' fingerprint").isEqualTo("/finish/sha256");
        });
    }

    @Test
    void aMalformedDigestIsRefusedAsInvalidFormat() {
        for (String malformed : List.of("x", "0".repeat(63), "0".repeat(65), "z".repeat(64), "0x" + "0".repeat(62))) {
            var refusal = UploadTally.declared(0).verify(finish(0, malformed)).orElseThrow();
            assertThat(refusal.fieldErrors()).singleElement().satisfies(e -> {
                assertThat(e.path()).isEqualTo("/finish/sha256");
                assertThat(e.code()).isEqualTo(FieldError.INVALID_FORMAT);
            });
        }
    }

    @Test
    void theDeclaredSizeBoundsTheChunksAndMustAgreeWithFinish() {
        UploadTally tally = UploadTally.declared(10);
        assertThat(tally.add(ByteString.copyFrom(new byte[10]))).isEmpty();
        assertThat(pathOf(tally.add(ByteString.copyFrom(new byte[1])))).isEqualTo("/metadata/sizeBytes");
        assertThat(tally.bytes()).as("the refused chunk is not counted").isEqualTo(10);

        UploadTally shorter = UploadTally.declared(10);
        shorter.add(ByteString.copyFrom(new byte[9]));
        assertThat(pathOf(shorter.verify(finish(9, "")))).isEqualTo("/finish/sizeBytes");
    }

    @Test
    void aDeclaredSizeOverTenMiBIsFileTooLargeAndExactlyTenMiBIsNot() {
        assertThat(UploadTally.declared(10L * 1024 * 1024).bytes()).isZero();
        var tooLarge = catchThrowableOfType(DocumentException.class, () -> UploadTally.declared(10L * 1024 * 1024 + 1));
        assertThat(tooLarge.error().wireCode()).isEqualTo("fileTooLarge");
        var negative = catchThrowableOfType(DocumentException.class, () -> UploadTally.declared(-1));
        assertThat(pathOf(Optional.of(negative.error()))).isEqualTo("/metadata/sizeBytes");
    }

    private static UploadTally tallyOf(List<byte[]> chunks, long declared) {
        UploadTally tally = UploadTally.declared(declared);
        chunks.forEach(c -> assertThat(tally.add(ByteString.copyFrom(c))).isEmpty());
        return tally;
    }

    private static UploadFinish finish(long size, String sha256) {
        return UploadFinish.newBuilder().setSizeBytes(size).setSha256(sha256).build();
    }

    private static String pathOf(Optional<DocumentError> refusal) {
        assertThat(refusal).as("a refusal").isPresent();
        return refusal.get().fieldErrors().get(0).path();
    }

    private static byte[] concat(List<byte[]> chunks) {
        var all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        return all.toByteArray();
    }
}
