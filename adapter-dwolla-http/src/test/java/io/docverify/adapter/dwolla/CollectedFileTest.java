package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.upload.FileKind;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CollectedFileTest {
    private static final CustomerId CUSTOMER = new CustomerId("c-1");

    private static CollectedFile collect(OwnerId owner, DocumentType type, FileUpload file) {
        try {
            return CollectedFile.collect(DocumentSubmission.of(owner, type, file), UploadLimits.DWOLLA).join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    @Test
    void theFileIsKeptOnceInOrderWithItsInspectedKindAndSize() {
        byte[] png = TestFiles.png(300_000);

        CollectedFile file = collect(CUSTOMER, DocumentType.PASSPORT, FileUpload.ofBytes("a.png", png));

        Buffer all = Buffer.buffer();
        file.chunks().forEach(all::appendBuffer);
        assertThat(all.getBytes()).isEqualTo(png);
        assertThat(file.file().kind()).isEqualTo(FileKind.PNG);
        assertThat(file.file().size()).isEqualTo(png.length);
        assertThat(file.chunks()).hasSize((300_000 + FileUpload.CHUNK_SIZE - 1) / FileUpload.CHUNK_SIZE);
    }

    @Test
    void theCopyDoesNotChangeWhenTheCallersArrayDoes() {
        byte[] png = TestFiles.png(1000);
        CollectedFile file = collect(CUSTOMER, DocumentType.PASSPORT, FileUpload.ofBytes("a.png", png));
        byte before = file.chunks().get(0).getByte(500);

        png[500] = (byte) (png[500] + 1);

        assertThat(file.chunks().get(0).getByte(500)).isEqualTo(before);
    }

    @Test
    void chunksThatStartInsideTheirBufferAreCopiedExactly() {
        byte[] png = TestFiles.png(5000);
        byte[] padded = new byte[png.length + 200];
        System.arraycopy(png, 0, padded, 100, png.length);
        FileUpload offset = new FileUpload("a.png", subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private boolean sent;

            @Override
            public void request(long n) {
                if (!sent) {
                    sent = true;
                    subscriber.onNext(ByteBuffer.wrap(padded, 100, png.length)); // position 100, limit 100 + length
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
            }
        }));

        CollectedFile file = collect(CUSTOMER, DocumentType.PASSPORT, offset);

        assertThat(file.chunks()).hasSize(1);
        assertThat(file.chunks().get(0).getBytes()).isEqualTo(png);
    }

    @Test
    void aWrongKindStopsTheReadingAtOnce() {
        var pulled = new AtomicInteger();
        FileUpload endless = new FileUpload("x.gif", counting(TestFiles.gif(), pulled));

        assertThatThrownBy(() -> collect(CUSTOMER, DocumentType.PASSPORT, endless))
                .isInstanceOfSatisfying(DocumentException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILE_TYPE));
        assertThat(pulled.get()).isLessThanOrEqualTo(3); // the first chunk plus the prefetch, never the rest
    }

    @Test
    void aFileOverTenMibIsRefusedAtTheFirstBytePastTheLimit() {
        var pulled = new AtomicInteger();
        FileUpload endless = new FileUpload("big.png", counting(TestFiles.png(), pulled));

        assertThatThrownBy(() -> collect(CUSTOMER, DocumentType.PASSPORT, endless))
                .isInstanceOfSatisfying(DocumentException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
        long chunksToTheLimit = UploadLimits.TEN_MIB / FileUpload.CHUNK_SIZE;
        assertThat(pulled.get()).isBetween((int) chunksToTheLimit + 1, (int) chunksToTheLimit + 3);
    }

    @Test
    void aPdfMayGoToDwollaForACustomersBusinessDocumentButNeverForABeneficialOwner() {
        assertThat(collect(CUSTOMER, DocumentType.OTHER, FileUpload.ofBytes("a.pdf", TestFiles.pdf())).file().kind())
                .isEqualTo(FileKind.PDF);
        assertThatThrownBy(() -> collect(new BeneficialOwnerId("b-1"), DocumentType.OTHER,
                FileUpload.ofBytes("a.pdf", TestFiles.pdf())))
                .isInstanceOfSatisfying(DocumentException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILE_TYPE));
        assertThatThrownBy(() -> collect(CUSTOMER, DocumentType.PASSPORT,
                FileUpload.ofBytes("a.pdf", TestFiles.pdf())))
                .isInstanceOfSatisfying(DocumentException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILE_TYPE));
    }

    @Test
    void anEmptyFileIsAValidationErrorOnFile() {
        assertThatThrownBy(() -> collect(CUSTOMER, DocumentType.PASSPORT, FileUpload.ofBytes("e.png", new byte[0])))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.error().fieldErrors()).anySatisfy(f -> assertThat(f.path()).isEqualTo("/file"));
                });
    }

    /** An endless stream of 64 KiB chunks starting with {@code head}, counting what is pulled. */
    private static Flow.Publisher<ByteBuffer> counting(byte[] head, AtomicInteger pulled) {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private boolean cancelled;
            private boolean delivering;
            private long demand;

            @Override
            public void request(long n) {
                demand += n;
                if (delivering) {
                    return;
                }
                delivering = true;
                while (demand > 0 && !cancelled) {
                    demand--;
                    byte[] chunk = new byte[FileUpload.CHUNK_SIZE];
                    if (pulled.getAndIncrement() == 0) {
                        System.arraycopy(head, 0, chunk, 0, Math.min(head.length, chunk.length));
                    }
                    subscriber.onNext(ByteBuffer.wrap(chunk));
                }
                delivering = false;
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        });
    }
}
