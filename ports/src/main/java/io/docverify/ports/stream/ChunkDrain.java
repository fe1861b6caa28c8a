package io.docverify.ports.stream;

import io.docverify.domain.error.DocumentError;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The subscriber behind {@link ChunkStreams#drain}: feeds each chunk to the sink with {@code prefetch} chunks
 * requested ahead, and ends {@link #result()} once. A result completed from outside (a cancel by the caller)
 * cancels the subscription at once and every later signal is ignored. Checked with the Reactive Streams TCK's
 * subscriber verification: a second {@code onSubscribe} is cancelled (2.5), a null signal is refused with
 * {@link NullPointerException} (2.13).
 */
final class ChunkDrain implements Flow.Subscriber<ByteBuffer> {
    private final ChunkStreams.ChunkSink sink;
    private final int prefetch;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();

    ChunkDrain(ChunkStreams.ChunkSink sink, int prefetch) {
        this.sink = Objects.requireNonNull(sink, "sink");
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be positive");
        }
        this.prefetch = prefetch;
        // A result completed from outside (a cancel by the caller): stop reading, ignore what still arrives.
        result.whenComplete((done, error) -> {
            if (finished.compareAndSet(false, true)) {
                Flow.Subscription s = subscription.get();
                if (s != null) {
                    s.cancel();
                }
            }
        });
    }

    /** Completes when the stream ends; fails with the sink's refusal, its throw, or the upstream's error. */
    CompletableFuture<Void> result() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription");
        if (!subscription.compareAndSet(null, s)) {
            s.cancel();
            return;
        }
        if (finished.get()) {
            s.cancel(); // cancelled before the subscription arrived
            return;
        }
        s.request(prefetch);
    }

    @Override
    public void onNext(ByteBuffer chunk) {
        Objects.requireNonNull(chunk, "chunk");
        if (finished.get()) {
            return;
        }
        Flow.Subscription s = subscription.get();
        Optional<DocumentError> refusal;
        try {
            refusal = sink.onChunk(chunk);
            if (finished.get()) {
                return; // cancelled while the sink looked
            }
        } catch (RuntimeException e) {
            s.cancel();
            complete(e);
            return;
        }
        if (refusal.isPresent()) {
            s.cancel();
            complete(refusal.get().toException());
            return;
        }
        s.request(1);
    }

    @Override
    public void onError(Throwable error) {
        complete(Objects.requireNonNull(error, "error"));
    }

    @Override
    public void onComplete() {
        complete(null);
    }

    private void complete(Throwable error) {
        if (finished.compareAndSet(false, true)) {
            if (error == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(error);
            }
        }
    }
}
