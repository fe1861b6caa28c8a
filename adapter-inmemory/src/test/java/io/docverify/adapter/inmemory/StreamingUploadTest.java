package io.docverify.adapter.inmemory;

import static io.docverify.adapter.inmemory.Stages.await;
import static io.docverify.adapter.inmemory.Stages.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.sandbox.NewCustomer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter reads an upload only as far as it must: a refusal stops the stream at once. */
class StreamingUploadTest {
    private static final int CHUNK = 64 * 1024;
    private static final int CHUNKS_IN_TEN_MIB = Math.toIntExact(UploadLimits.TEN_MIB / CHUNK);

    private final InMemoryDwolla dwolla = new InMemoryDwolla(
            InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO), DocumentEventPublisher.NONE,
            DocumentIdSource.RANDOM);

    @AfterEach
    void close() {
        dwolla.close();
    }

    private CustomerId customer(CustomerStatus status) {
        return await(dwolla.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL, status))).id();
    }

    /** {@code chunks} chunks of 64 KiB; the first starts with {@code signature}, the rest are zeros. */
    private static GeneratingPublisher file(byte[] signature, int chunks) {
        byte[] first = TestFiles.withSignature(signature, CHUNK);
        byte[] rest = new byte[CHUNK];
        return new GeneratingPublisher(chunks, i -> ByteBuffer.wrap(i == 0 ? first : rest).asReadOnlyBuffer());
    }

    private CompletionStage<?> upload(OwnerId owner, GeneratingPublisher content) {
        return dwolla.create(DocumentSubmission.of(owner, DocumentType.PASSPORT,
                new FileUpload("scan.png", content)));
    }

    @Test
    void aFileOfAKindDwollaRefusesIsNotReadPastItsFirstChunk() {
        GeneratingPublisher gif = file(TestFiles.GIF_SIGNATURE, 1000);

        assertThat(refusal(upload(customer(CustomerStatus.DOCUMENT), gif)).code())
                .isEqualTo(ErrorCode.INVALID_FILE_TYPE);

        assertThat(gif.pulled).hasValue(1);
        assertThat(gif.cancelled).isTrue();
    }

    @Test
    void aFileOverTenMibIsNotReadPastTheChunkThatCrossesTheLimit() {
        GeneratingPublisher tooLarge = file(TestFiles.PNG_SIGNATURE, 400);

        assertThat(refusal(upload(customer(CustomerStatus.DOCUMENT), tooLarge)).code())
                .isEqualTo(ErrorCode.FILE_TOO_LARGE);

        assertThat(tooLarge.pulled).hasValue(CHUNKS_IN_TEN_MIB + 1);
        assertThat(tooLarge.cancelled).isTrue();
    }

    @Test
    void aFileOfExactlyTenMibIsReadToTheEndAndAccepted() {
        GeneratingPublisher atLimit = file(TestFiles.PNG_SIGNATURE, CHUNKS_IN_TEN_MIB);
        CustomerId customer = customer(CustomerStatus.DOCUMENT);

        await(upload(customer, atLimit));

        assertThat(atLimit.pulled).hasValue(CHUNKS_IN_TEN_MIB);
        assertThat(atLimit.cancelled).isFalse();
        assertThat(await(dwolla.list(customer)).total()).isEqualTo(1);
    }

    @Test
    void anOwnerWhoMayNotUploadIsRefusedWithoutReadingAByte() {
        GeneratingPublisher forVerified = file(TestFiles.PNG_SIGNATURE, 10);
        GeneratingPublisher forNobody = file(TestFiles.PNG_SIGNATURE, 10);

        assertThat(refusal(upload(customer(CustomerStatus.VERIFIED), forVerified)).code())
                .isEqualTo(ErrorCode.INVALID_RESOURCE_STATE);
        assertThat(refusal(upload(new CustomerId("nobody"), forNobody)).code()).isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(forVerified.pulled).hasValue(0);
        assertThat(forNobody.pulled).hasValue(0);
    }
}
