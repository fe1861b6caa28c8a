package io.docverify.adapter.inmemory;

import static io.docverify.adapter.inmemory.Stages.await;
import static io.docverify.adapter.inmemory.Stages.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.OwnerDocuments;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.upload.Fingerprint;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.sandbox.NewCustomer;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "It needs a file's bytes only to check and fingerprint them: it must not keep uploaded files in memory."
 * Two proofs: every chunk handed to the adapter becomes garbage once the upload is done, and nothing the
 * adapter keeps reachable holds a byte array or buffer.
 */
class NoFileRetentionTest {
    private static final int CHUNK = 64 * 1024;
    private static final int CHUNKS = 64;

    private final InMemoryDwolla dwolla = new InMemoryDwolla(
            InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO), DocumentEventPublisher.NONE,
            DocumentIdSource.RANDOM);

    @AfterEach
    void close() {
        dwolla.close();
    }

    private CustomerId customer() {
        return await(dwolla.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT))).id();
    }

    /** Chunk {@code i} of a 4 MiB PNG whose content depends only on {@code seed}; each call a new array. */
    private static byte[] chunk(long seed, int i) {
        byte[] bytes = new byte[CHUNK];
        new Random(seed * 1_000 + i).nextBytes(bytes);
        if (i == 0) {
            System.arraycopy(TestFiles.PNG_SIGNATURE, 0, bytes, 0, TestFiles.PNG_SIGNATURE.length);
        }
        return bytes;
    }

    /**
     * Uploads a generated file, remembering each chunk's array only weakly. Runs in its own method so that no
     * local variable of the test keeps the upload reachable afterwards.
     */
    private Document uploadGenerated(OwnerId owner, long seed, IdempotencyKey key,
            List<WeakReference<byte[]>> handedOut) {
        var content = new GeneratingPublisher(CHUNKS, i -> {
            byte[] bytes = chunk(seed, i);
            handedOut.add(new WeakReference<>(bytes));
            return ByteBuffer.wrap(bytes);
        });
        return await(dwolla.create(DocumentSubmission.of(owner, DocumentType.PASSPORT,
                new FileUpload("scan.png", content)).withIdempotencyKey(key)));
    }

    @Test
    void everyChunkHandedToTheAdapterIsCollectableOnceTheUploadCompleted() {
        CustomerId customer = customer();
        List<WeakReference<byte[]>> handedOut = new ArrayList<>();

        Document created = uploadGenerated(customer, 7, IdempotencyKey.random(), handedOut);

        assertThat(created.isPending()).isTrue();
        assertThat(handedOut).hasSize(CHUNKS);
        await("every chunk collected").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    System.gc();
                    return handedOut.stream().allMatch(ref -> ref.get() == null);
                });
    }

    @Test
    void theAdapterStillKnowsTheFileByItsFingerprintAlone() {
        CustomerId customer = customer();
        Document created = uploadGenerated(customer, 11, IdempotencyKey.random(), new ArrayList<>());
        byte[] sameFile = new byte[CHUNK * CHUNKS];
        for (int i = 0; i < CHUNKS; i++) {
            System.arraycopy(chunk(11, i), 0, sameFile, i * CHUNK, CHUNK);
        }

        var duplicate = refusal(dwolla.create(DocumentSubmission.of(customer, DocumentType.LICENSE,
                FileUpload.ofBytes("again.png", sameFile))));

        assertThat(duplicate.code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
        assertThat(duplicate.error().existingDocument()).contains(created.id());
    }

    @Test
    void nothingTheAdapterKeepsHoldsFileBytes() {
        CustomerId first = customer();
        CustomerId second = customer();
        uploadGenerated(first, 1, IdempotencyKey.random(), new ArrayList<>());
        uploadGenerated(second, 2, IdempotencyKey.random(), new ArrayList<>());
        await(dwolla.create(DocumentSubmission.of(first, DocumentType.PASSPORT,
                FileUpload.ofBytes("success.png", SampleImages.load(SampleImages.SUCCESS)))));
        refusal(dwolla.create(DocumentSubmission.of(second, DocumentType.PASSPORT,
                FileUpload.ofBytes("x.gif", TestFiles.gif())).withIdempotencyKey(IdempotencyKey.random())));

        RetentionWalker walk = RetentionWalker.walk(dwolla);

        assertThat(walk.fileBytes()).isEmpty();
        assertThat(walk.unreadable()).isEmpty();
        assertThat(walk.count(OwnerDocuments.class)).as("the walk reached the aggregates").isEqualTo(2);
        assertThat(walk.count(Fingerprint.class)).as("and the fingerprints they keep").isGreaterThanOrEqualTo(3);
    }

    /** The walker above can fail: bytes hidden in a record inside a map are found. */
    @Test
    void theWalkerFindsBytesHiddenInARecordInsideAMap() {
        record Kept(String name, Object content) {
        }
        var holder = Map.of("kept", List.of(new Kept("a", ByteBuffer.allocate(1)), new Kept("b", new byte[1])));

        assertThat(RetentionWalker.walk(holder).fileBytes()).hasSize(2);
    }
}
