package io.docverify.grpc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class GrpcChunkPublisherTest {
    private final List<Integer> requested = new ArrayList<>();
    private final GrpcChunkPublisher publisher = new GrpcChunkPublisher(requested::add);

    /** Records signals; requests {@code initial} on subscription. */
    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final List<String> signals = new ArrayList<>();
        Flow.Subscription subscription;
        private final long initial;

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            signals.add("subscribed");
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(ByteBuffer item) {
            signals.add("chunk " + item.remaining());
        }

        @Override
        public void onError(Throwable throwable) {
            signals.add("error " + throwable.getClass().getSimpleName());
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }

    @Test
    void theSubscribersDemandIsWhatIsRequestedFromGrpc() {
        var subscriber = new Recorder(2);
        publisher.subscribe(subscriber);
        publisher.next(ByteBuffer.allocate(10));
        subscriber.subscription.request(1);
        subscriber.subscription.request(Long.MAX_VALUE);

        assertThat(requested).containsExactly(2, 1, Integer.MAX_VALUE);
        assertThat(subscriber.signals).containsExactly("subscribed", "chunk 10");
    }

    @Test
    void anEndBeforeTheSubscriptionIsDeliveredOnSubscription() {
        publisher.complete();
        var subscriber = new Recorder(1);

        publisher.subscribe(subscriber);

        assertThat(subscriber.signals).containsExactly("subscribed", "complete");
    }

    @Test
    void aFailureEndsTheStreamOnceAndLaterSignalsAreDropped() {
        var subscriber = new Recorder(1);
        publisher.subscribe(subscriber);

        publisher.fail(new IllegalStateException("cancelled"));
        publisher.next(ByteBuffer.allocate(3));
        publisher.complete();

        assertThat(subscriber.signals).containsExactly("subscribed", "error IllegalStateException");
    }

    @Test
    void afterACancelNothingIsRequestedOrDelivered() {
        var subscriber = new Recorder(0);
        publisher.subscribe(subscriber);

        subscriber.subscription.cancel();
        subscriber.subscription.request(5);
        publisher.next(ByteBuffer.allocate(3));
        publisher.complete();

        assertThat(publisher.isCancelled()).isTrue();
        assertThat(requested).isEmpty();
        assertThat(subscriber.signals).containsExactly("subscribed");
    }

    @Test
    void aNonPositiveRequestFailsTheStream() {
        var subscriber = new Recorder(0);
        publisher.subscribe(subscriber);

        subscriber.subscription.request(0);

        assertThat(subscriber.signals).containsExactly("subscribed", "error IllegalArgumentException");
        assertThat(requested).isEmpty();
    }

    @Test
    void theContentCanBeReadOnce() {
        publisher.subscribe(new Recorder(1));
        var second = new Recorder(1);

        publisher.subscribe(second);

        assertThat(second.signals).containsExactly("subscribed", "error IllegalStateException");
    }
}
