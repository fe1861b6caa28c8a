package io.docverify.ports.contract;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file's content that the test hands out chunk by chunk, from its own thread, when it chooses: so a test can
 * stop a stream mid-file (fail it, or leave it waiting while the caller cancels) and see whether the reader
 * cancelled its subscription. Single subscriber.
 */
public final class ControlledPublisher implements Flow.Publisher<ByteBuffer> {
    /** Long enough for a loaded machine; a healthy run waits milliseconds. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final AtomicLong demand = new AtomicLong();
    private final Object lock = new Object();
    private volatile Flow.Subscriber<? super ByteBuffer> subscriber;

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                synchronized (lock) {
                    demand.addAndGet(n);
                    lock.notifyAll();
                }
            }

            @Override
            public void cancel() {
                cancelled.countDown();
            }
        });
        subscribed.countDown();
    }

    /** Hands out one chunk once the reader asked for one (fails the test if it never does). */
    public void emit(byte[] bytes) {
        awaitSubscriber();
        synchronized (lock) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (demand.get() == 0 && !wasCancelled()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the reader never asked for the next chunk");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            demand.decrementAndGet();
        }
        subscriber.onNext(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
    }

    /** Ends the stream as complete (even after a cancel: a publisher may signal a little after it). */
    public void complete() {
        awaitSubscriber();
        subscriber.onComplete();
    }

    /** Ends the stream with an error. */
    public void fail(Throwable error) {
        awaitSubscriber();
        subscriber.onError(error);
    }

    /** True once the reader cancelled its subscription. */
    public boolean wasCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Waits until the reader cancelled; false if it did not within the patience. */
    public boolean awaitCancel() {
        try {
            return cancelled.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitSubscriber() {
        try {
            if (!subscribed.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("nobody subscribed to the file's content");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
