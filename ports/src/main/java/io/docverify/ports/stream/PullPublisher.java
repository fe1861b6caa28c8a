package io.docverify.ports.stream;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A single-use publisher that pulls chunks from a reader on demand, in the thread that requests them. Reentrant
 * calls of {@code request} from {@code onNext} are queued as demand rather than recursing, as the reactive
 * streams rules ask ({@link SingleSubscriberPublisher} keeps them). The reader is closed once, at the end of the
 * stream or on cancel.
 */
public final class PullPublisher extends SingleSubscriberPublisher<ByteBuffer> {

    /** The next chunk, or null at the end. */
    public interface ChunkReader {
        ByteBuffer next() throws IOException;
    }

    /** Releases what the reader holds. */
    public interface Closer {
        void close() throws IOException;
    }

    private final ChunkReader reader;
    private final Closer closer;

    public PullPublisher(ChunkReader reader, Closer closer) {
        super(() -> new IllegalStateException("a file's content can be read once"));
        this.reader = reader;
        this.closer = closer;
    }

    @Override
    protected ByteBuffer pull() throws IOException {
        ByteBuffer chunk = reader.next();
        if (chunk == null) {
            endWithCompletion();
        }
        return chunk;
    }

    @Override
    protected void released() {
        try {
            closer.close();
        } catch (IOException ignored) {
            // Nothing more can be read either way; the subscriber has its outcome.
        }
    }
}
