package io.docverify.adapter.dwolla;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A response body codec that buffers at most {@code limit} bytes: Dwolla's answers are small JSON documents, so a
 * larger body is a protocol error and is not read any further (never an unbounded buffer).
 */
final class BoundedBody implements BodyCodec<Buffer> {
    private final int limit;

    BoundedBody(int limit) {
        this.limit = limit;
    }

    @Override
    public BodyStream<Buffer> stream() {
        return new Stream();
    }

    private final class Stream implements BodyStream<Buffer> {
        private final Promise<Buffer> result = Promise.promise();
        private final Buffer body = Buffer.buffer(512);
        private boolean failed;

        @Override
        public Future<Buffer> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable error) {
            failed = true;
            result.tryFail(error);
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (failed) {
                return Future.succeededFuture();
            }
            if (body.length() + data.length() > limit) {
                failed = true;
                DwollaFailure tooLarge = DwollaFailure.protocol(
                        "Dwolla's answer is larger than " + limit + " bytes; not read further.");
                result.tryFail(tooLarge);
                return Future.failedFuture(tooLarge);
            }
            body.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            result.tryComplete(body);
            return Future.succeededFuture();
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
}
