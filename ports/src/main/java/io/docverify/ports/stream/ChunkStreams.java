package io.docverify.ports.stream;

import io.docverify.domain.error.DocumentError;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;

/**
 * Reads a file's content (any {@code Flow.Publisher<ByteBuffer>}) with bounded demand: at most {@code prefetch} chunks are requested ahead
 * of the sink, so memory stays bounded whatever the file size. The sink can refuse at any chunk, which cancels
 * the upstream at once (nothing more is read) and fails the result with the refusal.
 *
 * <p>The result completes normally only when the content completed ({@code onComplete}); a content that fails
 * ({@code onError}) fails it. A caller that gives up cancels the result ({@code cancel(true)}): the subscription is
 * cancelled at once (Reactive Streams rule 3.5 makes {@code cancel} safe from any thread) and every later signal
 * of the content is ignored, so a stream that does not end well can never look complete.
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
        var drain = new ChunkDrain(sink, prefetch);
        source.subscribe(drain);
        return drain.result();
    }

    /**
     * Makes a cancel of {@code returned} (the stage a caller holds) reach {@code upstream} (the stage that reads
     * the file, or the call that started it), which {@link CompletableFuture}'s dependent stages never do by
     * themselves. Only a cancel is relayed; {@code returned}'s other outcomes come from upstream anyway.
     *
     * @return {@code returned}
     */
    public static <T> CompletableFuture<T> cancelThrough(CompletableFuture<T> returned, Future<?> upstream) {
        Objects.requireNonNull(upstream, "upstream");
        returned.whenComplete((value, error) -> {
            if (returned.isCancelled()) {
                upstream.cancel(true);
            }
        });
        return returned;
    }
}
