package io.docverify.ports.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A single-use publisher that pulls chunks from a reader on demand, in the thread that requests them. Reentrant
 * calls of {@code request} from {@code onNext} are queued as demand rather than recursing, as the reactive
 * streams rules ask.
 */
public final class PullPublisher implements Flow.Publisher<ByteBuffer> {

    /** The next chunk, or null at the end. */
    public interface ChunkReader {
        ByteBuffer next() throws IOException;
    }

    /** Releases what the reader holds. */
    public interface Closer {
        void close() throws IOException;
    }

    private final ChunkReader reader;
    private final Closer closer;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    public PullPublisher(ChunkReader reader, Closer closer) {
        this.reader = reader;
        this.closer = closer;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("a file's content can be read once"));
            return;
        }
        subscriber.onSubscribe(new PullSubscription(subscriber));
    }

    private final class PullSubscription implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger draining = new AtomicInteger();
        private final AtomicBoolean done = new AtomicBoolean();

        PullSubscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (done.get()) {
                return;
            }
            if (n <= 0) {
                finish();
                subscriber.onError(new IllegalArgumentException("non-positive request " + n));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (draining.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!done.get() && demand.get() > 0) {
                    ByteBuffer chunk;
                    try {
                        chunk = reader.next();
                    } catch (IOException | RuntimeException e) {
                        finish();
                        subscriber.onError(e);
                        return;
                    }
                    if (chunk == null) {
                        finish();
                        subscriber.onComplete();
                        return;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(chunk);
                }
            } while (draining.decrementAndGet() != 0);
        }

        @Override
        public void cancel() {
            finish();
        }

        private void finish() {
            if (done.compareAndSet(false, true)) {
                try {
                    closer.close();
                } catch (IOException ignored) {
                    // Nothing more can be read either way; the subscriber has its outcome.
                }
            }
        }
    }
}
