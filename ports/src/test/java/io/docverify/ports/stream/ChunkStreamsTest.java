package io.docverify.ports.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.ports.file.FileUpload;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChunkStreamsTest {

    /** A publisher under the test's control: it counts demand and delivers only when the test says so. */
    private static final class ManualPublisher implements Flow.Publisher<ByteBuffer> {
        final AtomicLong requested = new AtomicLong();
        final AtomicInteger delivered = new AtomicInteger();
        volatile boolean cancelled;
        Flow.Subscriber<? super ByteBuffer> subscriber;

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
            subscriber = s;
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    requested.addAndGet(n);
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }

        /** Delivers one chunk, as a well-behaved publisher would: only within the outstanding demand. */
        void emit(int size) {
            assertThat(requested.get()).as("demand outstanding before emitting").isGreaterThan(delivered.get());
            delivered.incrementAndGet();
            subscriber.onNext(ByteBuffer.allocate(size));
        }

        long outstanding() {
            return requested.get() - delivered.get();
        }
    }

    private static Throwable failureOf(CompletableFuture<Void> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void everyChunkReachesTheSinkInOrderAndTheResultCompletes() {
        byte[] file = new byte[3 * FileUpload.CHUNK_SIZE + 5];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) i;
        }
        var seen = new java.io.ByteArrayOutputStream();

        CompletableFuture<Void> done = ChunkStreams.drain(FileUpload.ofBytes("f.png", file).content(), chunk -> {
            byte[] copy = new byte[chunk.remaining()];
            chunk.duplicate().get(copy);
            seen.writeBytes(copy);
            return Optional.empty();
        });

        assertThat(done).isCompleted();
        assertThat(done).isNotCompletedExceptionally();
        assertThat(seen.toByteArray()).isEqualTo(file);
    }

    @Test
    void demandStaysBoundedByThePrefetchWhateverTheFileSize() {
        var publisher = new ManualPublisher();
        List<Long> outstandingSeenBySink = new ArrayList<>();
        CompletableFuture<Void> done = ChunkStreams.drain(publisher, chunk -> {
            outstandingSeenBySink.add(publisher.outstanding());
            return Optional.empty();
        }, 2);

        assertThat(publisher.outstanding()).isEqualTo(2);
        for (int i = 0; i < 1000; i++) {
            publisher.emit(10);
            assertThat(publisher.outstanding()).isEqualTo(2);
        }
        publisher.subscriber.onComplete();

        assertThat(done).isCompleted();
        assertThat(outstandingSeenBySink).allSatisfy(n -> assertThat(n).isBetween(0L, 2L));
    }

    @Test
    void aRefusalByTheSinkCancelsTheUpstreamAndFailsWithTheRefusal() {
        var pulls = new AtomicInteger();
        var closes = new AtomicInteger();
        var publisher = new PullPublisher(() -> {
            pulls.incrementAndGet();
            return ByteBuffer.allocate(1);
        }, closes::incrementAndGet);
        var refusal = DocumentError.of(ErrorCode.FILE_TOO_LARGE, "Document requests are limited to 10 MiB.");
        var chunks = new AtomicInteger();

        CompletableFuture<Void> done = ChunkStreams.drain(publisher,
                chunk -> chunks.incrementAndGet() == 3 ? Optional.of(refusal) : Optional.empty());

        assertThat(failureOf(done)).isInstanceOfSatisfying(DocumentException.class,
                e -> assertThat(e.error()).isEqualTo(refusal));
        assertThat(pulls).as("nothing is read after the refusing chunk").hasValue(3);
        assertThat(closes).hasValue(1);
    }

    @Test
    void chunksThatArriveAfterARefusalAreNotGivenToTheSink() {
        var publisher = new ManualPublisher();
        var chunks = new AtomicInteger();
        CompletableFuture<Void> done = ChunkStreams.drain(publisher, chunk -> {
            chunks.incrementAndGet();
            return Optional.of(DocumentError.of(ErrorCode.INVALID_FILE_TYPE, "no"));
        });

        publisher.emit(1);
        publisher.emit(1); // already requested as prefetch, so a publisher may still deliver it

        assertThat(publisher.cancelled).isTrue();
        assertThat(chunks).hasValue(1);
        assertThat(failureOf(done)).isInstanceOf(DocumentException.class);
    }

    @Test
    void aSinkThatThrowsCancelsTheUpstreamAndFailsWithItsException() {
        var publisher = new ManualPublisher();
        var bug = new IllegalStateException("sink bug");
        CompletableFuture<Void> done = ChunkStreams.drain(publisher, chunk -> {
            throw bug;
        });

        publisher.emit(1);

        assertThat(publisher.cancelled).isTrue();
        assertThat(failureOf(done)).isSameAs(bug);
    }

    @Test
    void anUpstreamErrorFailsTheResultWithThatError() {
        var failure = new IOException("connection reset");
        var publisher = new PullPublisher(() -> {
            throw failure;
        }, () -> { });

        CompletableFuture<Void> done = ChunkStreams.drain(publisher, chunk -> Optional.empty());

        assertThat(failureOf(done)).isSameAs(failure);
    }

    @Test
    void anErrorAfterCompletionDoesNotChangeTheOutcome() {
        var publisher = new ManualPublisher();
        CompletableFuture<Void> done = ChunkStreams.drain(publisher, chunk -> Optional.empty());

        publisher.subscriber.onComplete();
        publisher.subscriber.onError(new IOException("late"));

        assertThat(done).isCompleted().isNotCompletedExceptionally();
    }

    @Test
    void aNonPositivePrefetchIsRefused() {
        assertThatThrownBy(() -> ChunkStreams.drain(new ManualPublisher(), c -> Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------ the caller gives up

    @Test
    void cancellingTheResultCancelsTheSubscriptionAndLaterSignalsReachNoSink() {
        var publisher = new ManualPublisher();
        List<Integer> sunk = new ArrayList<>();
        CompletableFuture<Void> result = ChunkStreams.drain(publisher, chunk -> {
            sunk.add(chunk.remaining());
            return Optional.empty();
        });
        publisher.emit(10);

        assertThat(result.cancel(true)).isTrue();

        assertThat(publisher.cancelled).as("the subscription is cancelled at once").isTrue();
        long demandAtCancel = publisher.requested.get();
        publisher.emit(20); // signals that were already on their way
        publisher.subscriber.onComplete();
        assertThat(sunk).containsExactly(10);
        assertThat(publisher.requested.get()).as("no more demand after the cancel").isEqualTo(demandAtCancel);
        assertThat(result).isCancelled();
    }

    @Test
    void aResultCancelledBeforeTheSubscriptionArrivesCancelsItOnArrival() {
        var late = new CompletableFuture<Flow.Subscriber<? super ByteBuffer>>();
        CompletableFuture<Void> result = ChunkStreams.drain(late::complete, chunk -> Optional.empty());
        result.cancel(true);
        var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        var requested = new AtomicLong();

        late.join().onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet(n);
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });

        assertThat(cancelled).isTrue();
        assertThat(requested).hasValue(0);
    }

    @Test
    void cancelThroughRelaysACancelOfTheReturnedStageUpstreamAndNothingElse() {
        var upstream = new CompletableFuture<Void>();
        var returned = ChunkStreams.cancelThrough(upstream.thenApply(v -> "done"), upstream);
        var otherUpstream = new CompletableFuture<Void>();
        var failed = ChunkStreams.cancelThrough(new CompletableFuture<String>(), otherUpstream);

        returned.cancel(true);
        failed.completeExceptionally(new IllegalStateException("a failure is not a cancel"));

        assertThat(upstream).isCancelled();
        assertThat(otherUpstream).isNotDone();
    }
}
