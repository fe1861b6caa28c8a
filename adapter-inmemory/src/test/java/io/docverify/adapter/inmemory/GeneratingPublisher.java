package io.docverify.adapter.inmemory;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A file's content made chunk by chunk on demand, in the requesting thread, counting how many chunks were
 * pulled and whether the reader cancelled. The publisher itself keeps no chunk.
 */
final class GeneratingPublisher implements Flow.Publisher<ByteBuffer> {
    private final int chunks;
    private final IntFunction<ByteBuffer> chunkAt;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    final AtomicInteger pulled = new AtomicInteger();
    final AtomicBoolean cancelled = new AtomicBoolean();

    GeneratingPublisher(int chunks, IntFunction<ByteBuffer> chunkAt) {
        this.chunks = chunks;
        this.chunkAt = chunkAt;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            throw new IllegalStateException("subscribed twice");
        }
        subscriber.onSubscribe(new Flow.Subscription() {
            private final AtomicLong demand = new AtomicLong();
            private final AtomicInteger wip = new AtomicInteger();
            private int next;
            private boolean done;

            @Override
            public void request(long n) {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                if (wip.getAndIncrement() != 0) {
                    return;
                }
                do {
                    while (!done && !cancelled.get() && demand.get() > 0) {
                        if (next == chunks) {
                            done = true;
                            subscriber.onComplete();
                            break;
                        }
                        demand.decrementAndGet();
                        pulled.incrementAndGet();
                        subscriber.onNext(chunkAt.apply(next++));
                    }
                } while (wip.decrementAndGet() != 0);
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
    }
}
