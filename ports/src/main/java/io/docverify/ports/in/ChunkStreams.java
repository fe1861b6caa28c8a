package io.docverify.ports.in;

import io.docverify.domain.error.DocumentError;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a {@link FileUpload}'s content with bounded demand: at most {@code prefetch} chunks are requested ahead
 * of the sink, so memory stays bounded whatever the file size. The sink can refuse at any chunk, which cancels
 * the upstream at once (nothing more is read) and fails the result with the refusal.
 */
public final class ChunkStreams {
    /** Chunks requested ahead of the sink. */
    public static final int DEFAULT_PREFETCH = 2;

    private ChunkStreams() {
    }

    /** Takes each chunk; returns a refusal to stop reading. Called sequentially, never concurrently. */
    @FunctionalInterface
    public interface ChunkSink {
        Optional<DocumentError> onChunk(ByteBuffer chunk);
    }

    /**
     * Feeds every chunk to the sink. The future completes when the stream ends, or fails with a
     * {@link io.docverify.domain.error.DocumentException} (the sink's refusal) or the upstream's own error.
     */
    public static CompletableFuture<Void> drain(Flow.Publisher<ByteBuffer> source, ChunkSink sink) {
        return drain(source, sink, DEFAULT_PREFETCH);
    }

    /** {@link #drain(Flow.Publisher, ChunkSink)} with a chosen prefetch. */
    public static CompletableFuture<Void> drain(Flow.Publisher<ByteBuffer> source, ChunkSink sink, int prefetch) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be positive");
        }
        var result = new CompletableFuture<Void>();
        source.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;
            private final AtomicBoolean finished = new AtomicBoolean();

            @Override
            public void onSubscribe(Flow.Subscription s) {
                if (subscription != null) {
                    s.cancel();
                    return;
                }
                subscription = s;
                s.request(prefetch);
            }

            @Override
            public void onNext(ByteBuffer chunk) {
                if (finished.get()) {
                    return;
                }
                Optional<DocumentError> refusal;
                try {
                    refusal = sink.onChunk(chunk);
                } catch (RuntimeException e) {
                    subscription.cancel();
                    complete(e);
                    return;
                }
                if (refusal.isPresent()) {
                    subscription.cancel();
                    complete(refusal.get().toException());
                    return;
                }
                subscription.request(1);
            }

            @Override
            public void onError(Throwable error) {
                complete(error);
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
        });
        return result;
    }
}
