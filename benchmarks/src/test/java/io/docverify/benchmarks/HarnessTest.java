package io.docverify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.grpc.v1.DocumentProto.DocumentStatus;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Smoke tests of the harness against both servers on 127.0.0.1 (short, no timing assertions). */
class HarnessTest {

    @ParameterizedTest
    @EnumSource(Impl.class)
    void bothServersAnswerTheSameGetDocumentMessage(Impl impl) {
        try (Fixture fixture = Fixture.start(impl)) {
            var response = fixture.client().blocking().withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getDocument(fixture.getRequest());
            assertThat(response).isEqualTo(fixture.expected());
            assertThat(response.getDocument().getStatus()).isEqualTo(DocumentStatus.DOCUMENT_STATUS_PENDING);
            assertThat(response.getSerializedSize()).isGreaterThan(60);
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void aCompleteUploadIsAnswered(Impl impl) throws Exception {
        try (Fixture fixture = Fixture.start(impl)) {
            var chunks = Upload.chunks(TestFiles.png(1024 * 1024 + 17), Fixture.CHUNK_BYTES);
            assertThat(chunks).hasSize(17);
            var upload = Upload.start(fixture.client().async(), fixture.nextUpload(), chunks);
            UploadDocumentResponse answer = upload.result().get(30, TimeUnit.SECONDS);
            assertThat(upload.sent().get()).isEqualTo(1024 * 1024 + 17);
            assertThat(answer.getDocument().getId()).isNotEmpty();
            if (impl == Impl.BARE) {
                assertThat(((BareServer) fixture.server()).bytesDiscarded()).isEqualTo(1024 * 1024 + 17);
            } else {
                assertThat(answer.getDocument().getId()).isNotEqualTo(fixture.getRequest().getDocumentId());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void anUploadStoppedMidStreamStaysOpenUntilCancelled(Impl impl) throws Exception {
        try (Fixture fixture = Fixture.start(impl)) {
            var chunks = Upload.chunks(TestFiles.png(Fixture.FILE_BYTES), Fixture.CHUNK_BYTES);
            var upload = Upload.start(fixture.client().async(), fixture.nextUpload(), chunks, 3 * Fixture.CHUNK_BYTES);
            assertThat(upload.sent().get(30, TimeUnit.SECONDS)).isEqualTo(3L * Fixture.CHUNK_BYTES);
            assertThat(upload.result()).isNotDone();
            upload.cancel();
            assertThatThrownBy(() -> upload.result().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StatusRuntimeException.class)
                    .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.CANCELLED));
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void theOpenLoopGeneratorRecordsEveryMeasuredCall(Impl impl) throws Exception {
        try (Fixture fixture = Fixture.start(impl)) {
            var outcome = new OpenLoop(fixture.client().async(), fixture.getRequest())
                    .run(200, Duration.ofMillis(200), Duration.ofMillis(500));
            assertThat(outcome.errors()).isZero();
            assertThat(outcome.unfinished()).isZero();
            assertThat(outcome.sent()).isEqualTo(140);
            assertThat(outcome.recorded()).isEqualTo(100);
            assertThat(outcome.latencies().getTotalCount()).isEqualTo(100);
            assertThat(outcome.micros(99)).isPositive();
        }
    }

    @org.junit.jupiter.api.Test
    void theInterleavedOpenLoopRecordsEachMeasuredCallForItsSide() throws Exception {
        try (Fixture bare = Fixture.start(Impl.BARE); Fixture docverify = Fixture.start(Impl.DOCVERIFY)) {
            var sides = OpenLoop.runInterleaved(java.util.Map.of(
                    Impl.BARE, new OpenLoop(bare.client().async(), bare.getRequest()),
                    Impl.DOCVERIFY, new OpenLoop(docverify.client().async(), docverify.getRequest())),
                    200, 100, 1, 4, Impl.BARE);
            assertThat(sides.errors()).isZero();
            assertThat(sides.unfinished()).isZero();
            // 5 slices of 100 ms at 200/s: 20 calls each; the first is warm-up; A B B A B: 40 calls per side.
            assertThat(sides.latencies().get(Impl.BARE).getTotalCount()).isEqualTo(40);
            assertThat(sides.latencies().get(Impl.DOCVERIFY).getTotalCount()).isEqualTo(40);
            assertThat(sides.micros(Impl.DOCVERIFY, 99)).isPositive();
        }
    }

    @org.junit.jupiter.api.Test
    void theOpenLoopGeneratorRefusesANonPositiveRate() {
        assertThatThrownBy(() -> new OpenLoop(null, null).run(0, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
