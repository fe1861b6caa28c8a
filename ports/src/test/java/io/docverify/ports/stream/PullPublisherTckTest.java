package io.docverify.ports.stream;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/**
 * The Reactive Streams TCK against {@link PullPublisher} (and so against {@link SingleSubscriberPublisher}'s
 * loop): a reader of {@code elements} one-byte chunks. The failed publisher is one already read: a second
 * subscriber is refused with {@code onSubscribe} then {@code onError}. Single subscriber by design, so the
 * TCK's optional multi-subscribe tests report themselves as skipped.
 */
public class PullPublisherTckTest extends FlowPublisherVerification<ByteBuffer> {

    public PullPublisherTckTest() {
        super(new TestEnvironment(2_000, 100), 1_000);
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFlowPublisher(long elements) {
        var left = new AtomicLong(elements);
        return new PullPublisher(() -> left.getAndDecrement() > 0 ? ByteBuffer.wrap(new byte[] {1}) : null, () -> { });
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFailedFlowPublisher() {
        Flow.Publisher<ByteBuffer> used = createFlowPublisher(1);
        used.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(ByteBuffer item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
        return used;
    }
}
