package io.docverify.ports.stream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;

/**
 * A subscriber for tests: records chunks, the terminal signal and how deeply {@code onNext} was nested, and
 * lets the test decide what to do in {@code onSubscribe} and {@code onNext}.
 */
public final class RecordingSubscriber implements Flow.Subscriber<ByteBuffer> {
    public final List<ByteBuffer> chunks = new ArrayList<>();
    public final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    public Flow.Subscription subscription;
    public Throwable error;
    public boolean completed;
    public int depth;
    public int maxDepth;
    private final long initialRequest;
    private final BiConsumer<RecordingSubscriber, ByteBuffer> onNext;

    public RecordingSubscriber(long initialRequest, BiConsumer<RecordingSubscriber, ByteBuffer> onNext) {
        this.initialRequest = initialRequest;
        this.onNext = onNext;
    }

    /** Requests everything at once. */
    public static RecordingSubscriber unbounded() {
        return new RecordingSubscriber(Long.MAX_VALUE, (s, c) -> { });
    }

    /** Requests one chunk, then one more from inside each {@code onNext}. */
    public static RecordingSubscriber oneByOne() {
        return new RecordingSubscriber(1, (s, c) -> s.subscription.request(1));
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (initialRequest > 0) {
            s.request(initialRequest);
        }
    }

    @Override
    public void onNext(ByteBuffer chunk) {
        depth++;
        maxDepth = Math.max(maxDepth, depth);
        chunks.add(chunk);
        ByteBuffer copy = chunk.duplicate();
        byte[] content = new byte[copy.remaining()];
        copy.get(content);
        bytes.writeBytes(content);
        onNext.accept(this, chunk);
        depth--;
    }

    @Override
    public void onError(Throwable throwable) {
        error = throwable;
    }

    @Override
    public void onComplete() {
        completed = true;
    }
}
