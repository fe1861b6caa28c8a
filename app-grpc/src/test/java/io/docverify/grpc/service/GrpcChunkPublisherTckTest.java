package io.docverify.grpc.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/**
 * The Reactive Streams TCK against {@link GrpcChunkPublisher}, fed by a stand-in for gRPC that delivers one message
 * for each one requested (serially, as gRPC does) and ends the stream after the last. The failed publisher is a
 * call that failed before anyone subscribed. Single subscriber by design: the optional multi-subscribe tests
 * report themselves as skipped.
 */
public class GrpcChunkPublisherTckTest extends FlowPublisherVerification<ByteBuffer> {

    public GrpcChunkPublisherTckTest() {
        super(new TestEnvironment(2_000, 100), 1_000);
    }

    /** Delivers requested messages one at a time, never reentrantly, until {@code elements} went out. */
    private static final class FakeCall implements IntConsumer {
        private final AtomicLong outstanding = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private long remaining;
        private GrpcChunkPublisher publisher;

        FakeCall(long elements) {
            remaining = elements;
        }

        @Override
        public void accept(int messages) {
            outstanding.addAndGet(messages);
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                while (outstanding.get() > 0 && remaining > 0 && !publisher.isCancelled()) {
                    outstanding.decrementAndGet();
                    remaining--;
                    publisher.next(ByteBuffer.wrap(new byte[] {1}));
                    if (remaining == 0) {
                        publisher.complete();
                    }
                }
            } while (wip.decrementAndGet() != 0);
        }
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFlowPublisher(long elements) {
        var call = new FakeCall(elements);
        call.publisher = new GrpcChunkPublisher(call);
        if (elements == 0) {
            call.publisher.complete(); // an empty file: the stream ended before anyone subscribed
        }
        return call.publisher;
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFailedFlowPublisher() {
        var publisher = new GrpcChunkPublisher(n -> { });
        publisher.fail(new IOException("the client reset the stream"));
        return publisher;
    }
}
