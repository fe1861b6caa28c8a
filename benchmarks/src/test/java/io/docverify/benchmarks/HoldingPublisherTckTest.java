package io.docverify.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/**
 * The Reactive Streams TCK against {@link HoldingPublisher}: one-byte chunks of a file of {@code elements} bytes
 * (at most {@link #FILE_BYTES_AT_MOST}), all of them sent, then the stream held open. It never completes by
 * design, so {@link #maxElementsFromPublisher} is {@code Long.MAX_VALUE} and the TCK skips the tests that need an
 * {@code onComplete}. The failed publisher is a client that gave up before anyone subscribed.
 */
public class HoldingPublisherTckTest extends FlowPublisherVerification<ByteBuffer> {
    /** Enough for every test that counts elements; the TCK asks for up to Integer.MAX_VALUE and cancels early. */
    private static final int FILE_BYTES_AT_MOST = 1_024;

    public HoldingPublisherTckTest() {
        super(new TestEnvironment(2_000, 100), 1_000);
    }

    @Override
    public long maxElementsFromPublisher() {
        return Long.MAX_VALUE;
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFlowPublisher(long elements) {
        int bytes = (int) Math.min(elements, FILE_BYTES_AT_MOST);
        return new HoldingPublisher(new byte[bytes], 1, bytes);
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFailedFlowPublisher() {
        var publisher = new HoldingPublisher(new byte[1], 1, 1);
        publisher.fail(new IOException("the client gave up"));
        return publisher;
    }
}
