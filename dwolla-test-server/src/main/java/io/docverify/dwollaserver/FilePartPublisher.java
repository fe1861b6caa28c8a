package io.docverify.dwollaserver;

import io.docverify.ports.stream.SingleSubscriberPublisher;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The file part of a multipart request as a {@link java.util.concurrent.Flow.Publisher} of chunks, with
 * back-pressure onto the request: the parser pushes what it decoded from one network chunk; whatever the
 * subscriber has not asked for waits here and pauses the request until it is asked for, so at most one network
 * chunk is held whatever the file size. Single subscriber. {@link SingleSubscriberPublisher} keeps the demand and
 * the signals; its loop runs on the request's Vert.x context (calls from other threads hop onto it).
 */
final class FilePartPublisher extends SingleSubscriberPublisher<ByteBuffer> {
    private final Context context;
    private final ReadStream<Buffer> request;
    /** Only on the context. */
    private boolean pausedHere;

    FilePartPublisher(Context context, ReadStream<Buffer> request) {
        super(() -> new IllegalStateException("an upload can be read once"));
        this.context = Objects.requireNonNull(context, "context");
        this.request = Objects.requireNonNull(request, "request");
    }

    // ------------------------------------------------------------------ producer side (the parser)

    void push(ByteBuffer data) {
        if (data.hasRemaining()) {
            enqueue(data);
        }
    }

    void complete() {
        endWithCompletion();
    }

    void fail(Throwable error) {
        endWithError(error);
    }

    // ------------------------------------------------------------------ the loop's place and its pauses

    @Override
    protected void execute(Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    /** What the subscriber has not asked for pauses the request; once it is all taken, the request resumes. */
    @Override
    protected void drained() {
        if (hasQueued() && !pausedHere) {
            pausedHere = true;
            request.pause();
        } else if (!hasQueued() && pausedHere && !isDone()) {
            pausedHere = false;
            request.resume();
        }
    }
}
