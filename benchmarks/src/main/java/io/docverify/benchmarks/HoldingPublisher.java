package io.docverify.benchmarks;

import io.docverify.ports.stream.SingleSubscriberPublisher;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A file's content that stops mid-stream: emits {@code limit} bytes of {@code file} as read-only slices (no copy
 * of its own) in chunks as they are requested, then holds the stream open, as a client that stalls mid-upload.
 * {@link #delivered()} completes once the consumer has taken all {@code limit} bytes; {@link #fail} ends the
 * stream with an error (the client gave up). Demand and signals are {@link SingleSubscriberPublisher}'s.
 */
public final class HoldingPublisher extends SingleSubscriberPublisher<ByteBuffer> {
    private final byte[] file;
    private final int chunkBytes;
    private final long limit;
    private final CompletableFuture<Long> delivered = new CompletableFuture<>();
    /** Written only by the loop. */
    private volatile long position;

    public HoldingPublisher(byte[] file, int chunkBytes, long limit) {
        super(() -> new IllegalStateException("one subscriber only"));
        if (limit > file.length) {
            throw new IllegalArgumentException("limit beyond the file");
        }
        this.file = file;
        this.chunkBytes = chunkBytes;
        this.limit = limit;
    }

    /** Completes with the bytes taken once all {@code limit} bytes were taken by the consumer. */
    public CompletableFuture<Long> delivered() {
        return delivered;
    }

    /** Ends the stream with {@code error}, as a client that gives up. */
    public void fail(Throwable error) {
        endWithError(error);
    }

    /** The next slice, or nothing once {@code limit} bytes went out: the stream then stays open. */
    @Override
    protected ByteBuffer pull() {
        long at = position;
        if (at >= limit) {
            return null;
        }
        int length = (int) Math.min(chunkBytes, limit - at);
        position = at + length;
        return ByteBuffer.wrap(file, (int) at, length).slice().asReadOnlyBuffer();
    }

    @Override
    protected void drained() {
        long at = position;
        if (at >= limit) {
            delivered.complete(at);
        }
    }
}
