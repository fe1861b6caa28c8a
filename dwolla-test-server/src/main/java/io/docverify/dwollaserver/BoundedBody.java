package io.docverify.dwollaserver;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;

/** A response body sink that keeps at most a given number of bytes and drops the rest. */
final class BoundedBody implements WriteStream<Buffer> {
    private final int max;
    private final Buffer kept = Buffer.buffer();

    BoundedBody(int max) {
        this.max = max;
    }

    /** What was kept, as UTF-8 text. */
    String text() {
        return new String(kept.getBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public Future<Void> write(Buffer data) {
        int room = max - kept.length();
        if (room > 0) {
            kept.appendBuffer(data.length() <= room ? data : data.slice(0, room));
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
        return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        return this;
    }
}
