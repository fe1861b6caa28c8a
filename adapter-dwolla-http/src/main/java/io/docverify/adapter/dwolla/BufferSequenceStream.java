package io.docverify.adapter.dwolla;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ReadStream} over buffers already in memory, honouring back-pressure ({@code pause}/{@code fetch}):
 * how an upload's one copy is streamed into the HTTP request on every attempt without being copied again. The
 * buffers are only read; a new stream is made for each attempt.
 *
 * <p>{@code onEnd} runs when the last buffer has been handed over: from then on the whole request may have
 * reached Dwolla.
 */
final class BufferSequenceStream implements ReadStream<Buffer> {
    private final List<Buffer> parts;
    private final Runnable onEnd;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private long demand = Long.MAX_VALUE;
    private int next;
    private boolean emitting;
    private boolean ended;

    BufferSequenceStream(List<Buffer> parts, Runnable onEnd) {
        this.parts = List.copyOf(parts);
        this.onEnd = Objects.requireNonNull(onEnd, "onEnd");
    }

    @Override
    public synchronized ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this; // reading memory cannot fail
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        synchronized (this) {
            this.handler = handler;
        }
        emit();
        return this;
    }

    @Override
    public synchronized ReadStream<Buffer> pause() {
        demand = 0;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        synchronized (this) {
            demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
        }
        emit();
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        synchronized (this) {
            this.endHandler = endHandler;
        }
        emit();
        return this;
    }

    /** Hands buffers over while there is demand; re-entrant calls (from a handler) only add demand. */
    private void emit() {
        synchronized (this) {
            if (emitting) {
                return;
            }
            emitting = true;
        }
        try {
            while (true) {
                Handler<Buffer> h;
                Buffer b = null;
                Handler<Void> end = null;
                synchronized (this) {
                    h = handler;
                    if (h == null || ended) {
                        return;
                    }
                    if (next < parts.size()) {
                        if (demand == 0) {
                            return;
                        }
                        if (demand != Long.MAX_VALUE) {
                            demand--;
                        }
                        b = parts.get(next++);
                    } else if (endHandler != null) {
                        ended = true;
                        end = endHandler;
                    } else {
                        return;
                    }
                }
                if (b != null) {
                    h.handle(b);
                } else {
                    onEnd.run();
                    end.handle(null);
                    return;
                }
            }
        } finally {
            synchronized (this) {
                emitting = false;
            }
        }
    }
}
