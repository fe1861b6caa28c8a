package io.docverify.adapter.dwolla;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A {@link ReadStream} over buffers already in memory, honouring back-pressure ({@code pause}/{@code fetch}):
 * how an upload's one copy is streamed into the HTTP request on every attempt without being copied again. The
 * buffers are only read; a new stream is made for each attempt.
 *
 * <p>{@code onEnd} runs when the last buffer has been handed over: from then on the whole request may have
 * reached Dwolla. Once {@code abandoned} turns true the stream fails instead of going on, which resets the
 * request: an attempt given up by its time limit stops sending (a partial multipart body is never processed).
 */
final class BufferSequenceStream implements ReadStream<Buffer> {
    private final List<Buffer> parts;
    private final Runnable onEnd;
    private final BooleanSupplier abandoned;
    private Handler<Buffer> handler;
    private Handler<Throwable> exceptionHandler;
    private Handler<Void> endHandler;
    private long demand = Long.MAX_VALUE;
    private int next;
    private boolean emitting;
    private boolean missed;
    private boolean ended;

    BufferSequenceStream(List<Buffer> parts, Runnable onEnd, BooleanSupplier abandoned) {
        this.parts = List.copyOf(parts);
        this.onEnd = Objects.requireNonNull(onEnd, "onEnd");
        this.abandoned = Objects.requireNonNull(abandoned, "abandoned");
    }

    @Override
    public synchronized ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
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

    /**
     * Hands buffers over while there is demand. Re-entrant or concurrent calls only flag that something changed;
     * the running loop picks it up, so no demand is ever lost.
     */
    private void emit() {
        synchronized (this) {
            if (emitting) {
                missed = true;
                return;
            }
            emitting = true;
        }
        while (true) {
            Runnable step;
            synchronized (this) {
                step = nextStep();
                if (step == null) {
                    if (!missed) {
                        emitting = false;
                        return;
                    }
                    missed = false;
                    continue;
                }
            }
            try {
                step.run();
            } catch (RuntimeException e) {
                synchronized (this) {
                    emitting = false;
                }
                throw e;
            }
        }
    }

    /** The next hand-over, or null to wait for demand or handlers. Called holding the lock. */
    private Runnable nextStep() {
        Handler<Buffer> h = handler;
        if (h == null || ended) {
            return null;
        }
        if (abandoned.getAsBoolean()) {
            ended = true;
            Handler<Throwable> fail = exceptionHandler;
            return () -> {
                if (fail != null) {
                    fail.handle(new CancellationException("the attempt's time ran out; upload stopped"));
                }
            };
        }
        if (next < parts.size()) {
            if (demand == 0) {
                return null;
            }
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            Buffer b = parts.get(next++);
            return () -> h.handle(b);
        }
        Handler<Void> end = endHandler;
        if (end == null) {
            return null;
        }
        ended = true;
        return () -> {
            onEnd.run();
            end.handle(null);
        };
    }
}
