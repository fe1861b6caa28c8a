package io.docverify.adapter.inmemory;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/** A file's content that arrives only when the test says so: an upload held in flight. */
final class HeldPublisher implements Flow.Publisher<ByteBuffer> {
    private volatile Flow.Subscriber<? super ByteBuffer> subscriber;
    private volatile boolean cancelled;

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                // Demand is honoured by the test: it emits one chunk, within the prefetch of any reader.
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        });
    }

    boolean isSubscribed() {
        return subscriber != null;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** Delivers the whole file as one chunk and ends the stream. */
    void release(byte[] file) {
        subscriber.onNext(ByteBuffer.wrap(file));
        subscriber.onComplete();
    }

    /** Ends the stream with an error, as a broken connection would. */
    void fail(Throwable error) {
        subscriber.onError(error);
    }
}
