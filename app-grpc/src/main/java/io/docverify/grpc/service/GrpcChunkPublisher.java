package io.docverify.grpc.service;

import io.docverify.ports.stream.SingleSubscriberPublisher;
import java.nio.ByteBuffer;
import java.util.function.IntConsumer;

/**
 * The chunks of one gRPC upload stream as the {@link java.util.concurrent.Flow.Publisher} that
 * {@link io.docverify.ports.file.FileUpload} carries, with the subscriber's demand driving the network: a chunk
 * the subscriber requests is a message requested from gRPC ({@code ServerCallStreamObserver.request}), and nothing
 * else is. A slow provider therefore slows the client (gRPC's flow control stops it once the transport window is
 * full) and the server holds at most the demanded chunks, whatever the file size.
 *
 * <p>Fed by the gRPC callbacks ({@link #next}, {@link #complete}, {@link #fail}), which gRPC serializes; the
 * subscriber may subscribe and request from any thread, and from inside {@code onNext}.
 * {@link SingleSubscriberPublisher} serializes the signals and keeps an end that arrives before the subscription
 * (an empty file, a cancelled call) for the subscriber. Single use: a second subscriber gets an error.
 */
final class GrpcChunkPublisher extends SingleSubscriberPublisher<ByteBuffer> {
    private final IntConsumer requestMessages;

    /** @param requestMessages asks gRPC for that many more messages of the stream */
    GrpcChunkPublisher(IntConsumer requestMessages) {
        super(() -> new IllegalStateException("an upload's content can be read once"));
        this.requestMessages = requestMessages;
    }

    @Override
    protected void requested(long n) {
        requestMessages.accept((int) Math.min(n, Integer.MAX_VALUE));
    }

    /** True once the subscriber cancelled: it reads no more. */
    boolean isCancelled() {
        return wasCancelled();
    }

    /** The next chunk, which gRPC delivers only because the subscriber asked for it. */
    void next(ByteBuffer chunk) {
        enqueue(chunk);
    }

    /**
     * The file is complete: the client sent its {@code finish} message, the bytes matched it, and the stream ended
     * ({@link UploadCall} decides; a half-close alone is not completion).
     */
    void complete() {
        endWithCompletion();
    }

    /** The stream failed or was abandoned: the subscriber must not use what it read. */
    void fail(Throwable error) {
        endWithError(error);
    }
}
