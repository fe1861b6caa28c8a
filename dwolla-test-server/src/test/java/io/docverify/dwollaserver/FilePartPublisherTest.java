package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Back-pressure: what the subscriber has not asked for pauses the request, and asking resumes it. */
class FilePartPublisherTest {
    private final Vertx vertx = Vertx.vertx();
    /** One context for the whole test: getOrCreateContext() off Vert.x threads makes a new one on every call. */
    private final io.vertx.core.Context context = vertx.getOrCreateContext();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A request stand-in that only records pause and resume. */
    static final class PauseRecorder implements ReadStream<Buffer> {
        final List<String> calls = new ArrayList<>();

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            calls.add("pause");
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            calls.add("resume");
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
            return this;
        }
    }

    /** A subscriber that asks only when told. */
    static final class Manual implements Flow.Subscriber<ByteBuffer> {
        Flow.Subscription subscription;
        final List<Integer> sizes = new ArrayList<>();
        boolean completed;
        Throwable error;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(ByteBuffer item) {
            sizes.add(item.remaining());
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

    private <T> T onContext(java.util.concurrent.Callable<T> action) throws Exception {
        var result = new CompletableFuture<T>();
        context.runOnContext(v -> {
            try {
                result.complete(action.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    @Test
    void unrequestedDataPausesTheRequestAndDemandResumesIt() throws Exception {
        var request = new PauseRecorder();
        var subscriber = new Manual();
        var publisher = new FilePartPublisher(context, request);
        var done = new CompletableFuture<Void>();
        context.runOnContext(v -> {
            publisher.subscribe(subscriber);
            publisher.push(ByteBuffer.wrap(new byte[10]));
            publisher.push(ByteBuffer.wrap(new byte[20]));
            assertThat(subscriber.sizes).isEmpty();
            assertThat(request.calls).containsExactly("pause");

            subscriber.subscription.request(1);
            assertThat(subscriber.sizes).containsExactly(10);
            assertThat(request.calls).containsExactly("pause");

            subscriber.subscription.request(5);
            assertThat(subscriber.sizes).containsExactly(10, 20);
            assertThat(request.calls).containsExactly("pause", "resume");

            publisher.push(ByteBuffer.wrap(new byte[30]));
            publisher.complete();
            assertThat(subscriber.sizes).containsExactly(10, 20, 30);
            assertThat(subscriber.completed).isTrue();
            done.complete(null);
        });
        done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void completionWaitsForQueuedDataAndErrorsArePassedOn() throws Exception {
        var subscriber = new Manual();
        var failing = new Manual();
        var first = new FilePartPublisher(context, new PauseRecorder());
        var second = new FilePartPublisher(context, new PauseRecorder());

        onContext(() -> {
            first.subscribe(subscriber);
            first.push(ByteBuffer.wrap(new byte[5]));
            first.complete();
            second.subscribe(failing);
            second.fail(new IllegalStateException("boom"));
            return null;
        });
        assertThat(subscriber.completed).isFalse();
        onContext(() -> {
            subscriber.subscription.request(1);
            return null;
        });

        assertThat(subscriber.sizes).containsExactly(5);
        assertThat(subscriber.completed).isTrue();
        assertThat(failing.error).hasMessage("boom");
    }

    @Test
    void demandFromAnotherThreadIsServedOnTheContext() throws Exception {
        var subscriber = new Manual();
        var publisher = new FilePartPublisher(context, new PauseRecorder());
        onContext(() -> {
            publisher.subscribe(subscriber);
            publisher.push(ByteBuffer.wrap(new byte[7]));
            return null;
        });

        subscriber.subscription.request(1); // from the test thread

        org.awaitility.Awaitility.await().until(() -> onContext(() -> subscriber.sizes.size()) == 1);
    }

    @Test
    void aSecondSubscriberIsRefused() throws Exception {
        var publisher = new FilePartPublisher(context, new PauseRecorder());
        var second = new Manual();

        onContext(() -> {
            publisher.subscribe(new Manual());
            publisher.subscribe(second);
            return null;
        });

        assertThat(second.error).isInstanceOf(IllegalStateException.class);
    }
}
