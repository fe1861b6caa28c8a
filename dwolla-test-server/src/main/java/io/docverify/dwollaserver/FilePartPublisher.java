package io.docverify.dwollaserver;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * The file part of a multipart request as a {@link Flow.Publisher} of chunks, with back-pressure onto the request:
 * the parser pushes what it decoded from one network chunk; whatever the subscriber has not asked for waits here and
 * pauses the request until it is asked for, so at most one network chunk is held whatever the file size.
 * Single subscriber. Every method runs on the request's Vert.x context (calls from other threads hop onto it).
 */
final class FilePartPublisher implements Flow.Publisher<ByteBuffer> {
    private final Context context;
    private final ReadStream<Buffer> request;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private long demand;
    private boolean ended;
    private Throwable failure;
    private boolean terminated;
    private boolean pausedHere;
    private boolean draining;
    private boolean again;

    FilePartPublisher(Context context, ReadStream<Buffer> request) {
        this.context = Objects.requireNonNull(context, "context");
        this.request = Objects.requireNonNull(request, "request");
    }

    // ------------------------------------------------------------------ producer side (the parser)

    void push(ByteBuffer data) {
        if (terminated || ended || !data.hasRemaining()) {
            return;
        }
        queue.add(data);
        drain();
    }

    void complete() {
        ended = true;
        drain();
    }

    void fail(Throwable error) {
        if (failure == null) {
            failure = error;
        }
        drain();
    }

    // ------------------------------------------------------------------ subscriber side

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> candidate) {
        Objects.requireNonNull(candidate, "subscriber");
        onContext(() -> {
            if (subscriber != null) {
                candidate.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                candidate.onError(new IllegalStateException("an upload can be read once"));
                return;
            }
            subscriber = candidate;
            candidate.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    onContext(() -> {
                        if (n <= 0) {
                            fail(new IllegalArgumentException("Reactive Streams rule 3.9: demand must be positive"));
                            return;
                        }
                        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                        drain();
                    });
                }

                @Override
                public void cancel() {
                    onContext(() -> {
                        terminated = true;
                        queue.clear();
                    });
                }
            });
            drain();
        });
    }

    /** Hands out what was asked for, ends the stream when due, and pauses or resumes the request. */
    private void drain() {
        if (draining) {
            again = true; // a subscriber asking for more from inside onNext: the running loop picks it up
            return;
        }
        draining = true;
        try {
            do {
                again = false;
                while (subscriber != null && !terminated && demand > 0 && !queue.isEmpty()) {
                    demand--;
                    subscriber.onNext(queue.poll());
                }
                if (subscriber != null && !terminated && queue.isEmpty() && (ended || failure != null)) {
                    terminated = true;
                    if (failure != null) {
                        subscriber.onError(failure);
                    } else {
                        subscriber.onComplete();
                    }
                }
            } while (again);
        } finally {
            draining = false;
        }
        if (!queue.isEmpty() && !pausedHere) {
            pausedHere = true;
            request.pause();
        } else if (queue.isEmpty() && pausedHere && !terminated) {
            pausedHere = false;
            request.resume();
        }
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
