package io.docverify.ports.stream;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;

/**
 * The Reactive Streams TCK's subscriber verification against {@link ChunkDrain}, the subscriber behind
 * {@link ChunkStreams#drain}, with a sink that takes every chunk. It requests on its own (its prefetch), so the
 * TCK needs no trigger.
 */
public class ChunkDrainTckTest extends FlowSubscriberBlackboxVerification<ByteBuffer> {

    public ChunkDrainTckTest() {
        super(new TestEnvironment(2_000, 100));
    }

    @Override
    public Flow.Subscriber<ByteBuffer> createFlowSubscriber() {
        return new ChunkDrain(chunk -> Optional.empty(), ChunkStreams.DEFAULT_PREFETCH);
    }

    @Override
    public ByteBuffer createElement(int element) {
        return ByteBuffer.wrap(new byte[] {(byte) element});
    }
}
