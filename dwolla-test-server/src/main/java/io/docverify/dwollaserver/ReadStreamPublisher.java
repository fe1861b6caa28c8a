package io.docverify.dwollaserver;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Vert.x read stream (a multipart file part) as a {@link Flow.Publisher} of chunks, with the subscriber's demand
 * passed on as {@code fetch(n)}: the stream is paused from the start and reads only what was requested, so an
 * upload is read no faster than the backend consumes it and never buffered whole. Single subscriber.
 *
 * <p>Every stream call runs on the stream's Vert.x context, whatever thread the subscriber calls from. After a
 * cancel the stream stays paused and later chunks are dropped; the owner of the request decides whether to discard
 * the rest or close the connection.
 */
final class ReadStreamPublisher implements Flow.Publisher<ByteBuffer> {
    private final Context context;
    private final ReadStream<Buffer> stream;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile boolean done;

    ReadStreamPublisher(Context context, ReadStream<Buffer> stream) {
        this.context = Objects.requireNonNull(context, "context");
        this.stream = Objects.requireNonNull(stream, "stream");
        stream.pause();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("an upload can be read once"));
            return;
        }
        onContext(() -> {
            stream.handler(chunk -> {
                if (!done) {
                    // A copy: Vert.x may reuse the buffer's memory once the handler returns.
                    subscriber.onNext(ByteBuffer.wrap(chunk.getBytes()));
                }
            });
            stream.exceptionHandler(error -> {
                if (!done) {
                    done = true;
                    subscriber.onError(error);
                }
            });
            stream.endHandler(end -> {
                if (!done) {
                    done = true;
                    subscriber.onComplete();
                }
            });
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    if (n <= 0) {
                        onContext(() -> {
                            if (!done) {
                                done = true;
                                subscriber.onError(new IllegalArgumentException(
                                        "Reactive Streams rule 3.9: demand must be positive, was " + n));
                            }
                        });
                        return;
                    }
                    onContext(() -> {
                        if (!done) {
                            stream.fetch(n);
                        }
                    });
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        });
    }

    private void onContext(Runnable action) {
        if (Context.isOnVertxThread() && Objects.equals(io.vertx.core.Vertx.currentContext(), context)) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
