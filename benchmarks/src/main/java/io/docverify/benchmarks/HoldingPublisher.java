package io.docverify.benchmarks;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A file's content that stops mid-stream: emits {@code limit} bytes of {@code file} as read-only slices (no copy
 * of its own) in chunks as they are requested, then holds the stream open, as a client that stalls mid-upload.
 * {@link #delivered()} completes once the consumer has taken all {@code limit} bytes; {@link #fail} ends the
 * stream with an error (the client gave up).
 */
public final class HoldingPublisher implements Flow.Publisher<ByteBuffer> {
    private final byte[] file;
    private final int chunkBytes;
    private final long limit;
    private final CompletableFuture<Long> delivered = new CompletableFuture<>();
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private long position;
    private long demand;
    private boolean emitting;
    private boolean done;

    public HoldingPublisher(byte[] file, int chunkBytes, long limit) {
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

    @Override
    public synchronized void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        if (subscriber != null) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IllegalStateException("one subscriber only"));
            return;
        }
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                more(n);
            }

            @Override
            public void cancel() {
                synchronized (HoldingPublisher.this) {
                    done = true;
                }
            }
        });
    }

    /** Ends the stream with {@code error}, as a client that gives up. */
    public void fail(Throwable error) {
        Flow.Subscriber<? super ByteBuffer> s;
        synchronized (this) {
            if (done || subscriber == null) {
                done = true;
                return;
            }
            done = true;
            s = subscriber;
        }
        s.onError(error);
    }

    private void more(long n) {
        synchronized (this) {
            demand = Math.min(Long.MAX_VALUE - n, demand) + n;
            if (emitting) {
                return; // the loop below, further up the stack, will see the new demand
            }
            emitting = true;
        }
        while (true) {
            ByteBuffer chunk;
            Flow.Subscriber<? super ByteBuffer> s;
            synchronized (this) {
                if (done || demand == 0 || position >= limit) {
                    emitting = false;
                    if (position >= limit) {
                        delivered.complete(position);
                    }
                    return;
                }
                int length = (int) Math.min(chunkBytes, limit - position);
                chunk = ByteBuffer.wrap(file, (int) position, length).slice().asReadOnlyBuffer();
                position += length;
                demand--;
                s = subscriber;
            }
            s.onNext(chunk);
        }
    }
}
