package io.docverify.dwollaserver;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK against {@link FilePartPublisher} on a real Vert.x context: the parser's pushes of
 * {@code elements} chunks and the end happen on the context, as in a request, while the TCK subscribes and
 * requests from its own thread (the loop hops onto the context). The request stand-in records nothing; pausing
 * is {@link FilePartPublisherTest}'s. The failed publisher is a part whose request failed before anyone
 * subscribed. Single subscriber by design: the optional multi-subscribe tests report themselves as skipped.
 */
public class FilePartPublisherTckTest extends FlowPublisherVerification<ByteBuffer> {
    /** More chunks than this are made on demand instead of pushed at once (the TCK asks up to Integer.MAX_VALUE). */
    private static final long PUSHED_AT_MOST = 1_000;

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();

    public FilePartPublisherTckTest() {
        super(new TestEnvironment(2_000, 100), 1_000);
    }

    @AfterClass
    public void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public long maxElementsFromPublisher() {
        return PUSHED_AT_MOST;
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFlowPublisher(long elements) {
        var publisher = new FilePartPublisher(context, new FilePartPublisherTest.PauseRecorder());
        context.runOnContext(v -> {
            for (long i = 0; i < elements; i++) {
                publisher.push(ByteBuffer.wrap(new byte[] {1}));
            }
            publisher.complete();
        });
        return publisher;
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFailedFlowPublisher() {
        var publisher = new FilePartPublisher(context, new FilePartPublisherTest.PauseRecorder());
        context.runOnContext(v -> publisher.fail(new IOException("the connection closed before the request ended")));
        return publisher;
    }
}
