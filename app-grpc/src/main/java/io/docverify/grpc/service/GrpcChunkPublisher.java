package io.docverify.grpc.service;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.IntConsumer;

/**
 * The chunks of one gRPC upload stream as the {@link Flow.Publisher} that {@link io.docverify.ports.file.FileUpload}
 * carries, with the subscriber's demand driving the network: a chunk the subscriber requests is a message
 * requested from gRPC ({@code ServerCallStreamObserver.request}), and nothing else is. A slow provider therefore
 * slows the client (gRPC's flow control stops it once the transport window is full) and the server holds at most
 * the demanded chunks, whatever the file size.
 *
 * <p>Fed by the gRPC callbacks ({@link #next}, {@link #complete}, {@link #fail}), which gRPC serializes; the
 * subscriber may subscribe and request from any thread. Signals to the subscriber are serialized by this object's
 * lock; {@code request} takes no lock, so a subscriber may request from inside {@code onNext}. A terminal signal
 * that arrives before the subscription (an empty file, a cancelled call) is kept and delivered on subscription.
 * Single use: a second subscriber gets an error.
 */
final class GrpcChunkPublisher implements Flow.Publisher<ByteBuffer> {
    private final IntConsumer requestMessages;

    // Guarded by this.
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private boolean terminated;
    private Throwable terminalError;
    private volatile boolean cancelled;

    /** @param requestMessages asks gRPC for that many more messages of the stream */
    GrpcChunkPublisher(IntConsumer requestMessages) {
        this.requestMessages = requestMessages;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        synchronized (this) {
            if (subscriber != null) {
                s.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                s.onError(new IllegalStateException("an upload's content can be read once"));
                return;
            }
            subscriber = s;
            s.onSubscribe(new ChunkSubscription());
            if (terminated && !cancelled) {
                signalEnd();
            }
        }
    }

    /** True once the subscriber cancelled: it reads no more. */
    boolean isCancelled() {
        return cancelled;
    }

    /** The next chunk, which gRPC delivers only because the subscriber asked for it. */
    synchronized void next(ByteBuffer chunk) {
        if (!terminated && !cancelled && subscriber != null) {
            subscriber.onNext(chunk);
        }
    }

    /**
     * The file is complete: the client sent its {@code finish} message, the bytes matched it, and the stream ended
     * ({@link UploadCall} decides; a half-close alone is not completion).
     */
    synchronized void complete() {
        end(null);
    }

    /** The stream failed or was abandoned: the subscriber must not use what it read. */
    synchronized void fail(Throwable error) {
        end(error);
    }

    private void end(Throwable error) {
        if (terminated) {
            return;
        }
        terminated = true;
        terminalError = error;
        if (subscriber != null && !cancelled) {
            signalEnd();
        }
    }

    private void signalEnd() {
        if (terminalError == null) {
            subscriber.onComplete();
        } else {
            subscriber.onError(terminalError);
        }
    }

    private final class ChunkSubscription implements Flow.Subscription {
        @Override
        public void request(long n) {
            if (cancelled) {
                return;
            }
            if (n <= 0) {
                fail(new IllegalArgumentException("non-positive request " + n));
                cancelled = true;
                return;
            }
            requestMessages.accept((int) Math.min(n, Integer.MAX_VALUE));
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
