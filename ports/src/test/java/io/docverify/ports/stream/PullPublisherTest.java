package io.docverify.ports.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PullPublisherTest {

    /** A reader of {@code total} one-byte chunks that counts how often it was pulled and closed. */
    private static final class CountingSource {
        final AtomicInteger pulls = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final int total;

        CountingSource(int total) {
            this.total = total;
        }

        PullPublisher publisher() {
            return new PullPublisher(() -> {
                int n = pulls.incrementAndGet();
                return n > total ? null : ByteBuffer.wrap(new byte[] {(byte) n});
            }, closes::incrementAndGet);
        }
    }

    @Test
    void aRequestFromInsideOnNextIsQueuedAsDemandInsteadOfRecursing() {
        var source = new CountingSource(10_000);
        RecordingSubscriber subscriber = RecordingSubscriber.oneByOne();

        source.publisher().subscribe(subscriber);

        assertThat(subscriber.chunks).hasSize(10_000);
        assertThat(subscriber.completed).isTrue();
        assertThat(subscriber.maxDepth).as("onNext never nests").isEqualTo(1);
    }

    @Test
    void nothingIsReadBeforeItIsRequestedAndExactlyTheDemandIsDelivered() {
        var source = new CountingSource(10);
        var subscriber = new RecordingSubscriber(0, (s, c) -> { });
        source.publisher().subscribe(subscriber);
        assertThat(source.pulls).hasValue(0);

        subscriber.subscription.request(3);

        assertThat(subscriber.chunks).hasSize(3);
        assertThat(source.pulls).hasValue(3);
        subscriber.subscription.request(Long.MAX_VALUE);
        subscriber.subscription.request(Long.MAX_VALUE);
        assertThat(subscriber.chunks).as("demand saturates instead of overflowing").hasSize(10);
        assertThat(subscriber.completed).isTrue();
    }

    @Test
    void cancelStopsReadingAtOnceAndClosesTheSourceOnce() {
        var source = new CountingSource(100);
        var subscriber = new RecordingSubscriber(Long.MAX_VALUE, (s, c) -> {
            if (s.chunks.size() == 2) {
                s.subscription.cancel();
                s.subscription.cancel();
            }
        });

        source.publisher().subscribe(subscriber);

        assertThat(subscriber.chunks).hasSize(2);
        assertThat(source.pulls).hasValue(2);
        assertThat(source.closes).hasValue(1);
        assertThat(subscriber.completed).isFalse();
        subscriber.subscription.request(5);
        assertThat(source.pulls).as("a cancelled subscription reads nothing more").hasValue(2);
    }

    @Test
    void theSourceIsClosedOnceWhenTheStreamEnds() {
        var source = new CountingSource(3);

        source.publisher().subscribe(RecordingSubscriber.unbounded());

        assertThat(source.closes).hasValue(1);
    }

    @Test
    void aReadErrorIsSignalledAsOnErrorAndClosesTheSource() {
        var closes = new AtomicInteger();
        var failure = new IOException("disk gone");
        var publisher = new PullPublisher(() -> {
            throw failure;
        }, closes::incrementAndGet);
        RecordingSubscriber subscriber = RecordingSubscriber.unbounded();

        publisher.subscribe(subscriber);

        assertThat(subscriber.error).isSameAs(failure);
        assertThat(subscriber.completed).isFalse();
        assertThat(closes).hasValue(1);
    }

    @Test
    void aNonPositiveRequestIsSignalledAsIllegalArgumentAndEndsTheStream() {
        var source = new CountingSource(10);
        var subscriber = new RecordingSubscriber(0, (s, c) -> { });
        source.publisher().subscribe(subscriber);

        subscriber.subscription.request(0);

        assertThat(subscriber.error).isInstanceOf(IllegalArgumentException.class);
        assertThat(source.closes).hasValue(1);
        subscriber.subscription.request(1);
        assertThat(subscriber.chunks).isEmpty();
    }
}
