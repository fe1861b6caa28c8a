package io.docverify.adapter.dwolla;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import io.vertx.tracing.opentelemetry.VertxContextStorageProvider.VertxContextStorage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * OpenTelemetry for the adapter, at the HTTP client: Vert.x's own tracing ({@code vertx-opentelemetry}) makes a
 * client span for every request on the wire (each attempt of a retry, the token request, the look-up after a lost
 * answer) and sends W3C {@code traceparent} to Dwolla. Vert.x looks for the parent span in the Vert.x context the
 * request is sent from; {@link #send} gives each request a context of its own holding the caller's trace
 * context, and {@link #propagating} carries it across the resilience scheduler's thread hops (backoffs, time
 * limits). Off ({@link OpenTelemetry#noop()}): no tracer, and both are the identity.
 */
final class Tracing {
    private final boolean enabled;
    private final Vertx vertx;

    private Tracing(boolean enabled, Vertx vertx) {
        this.enabled = enabled;
        this.vertx = vertx;
    }

    /** Tracing with this OpenTelemetry for requests sent through this Vert.x instance. */
    static Tracing of(OpenTelemetry openTelemetry, Vertx vertx) {
        return new Tracing(openTelemetry != OpenTelemetry.noop(), vertx);
    }

    /** A Vert.x instance whose HTTP clients trace with this OpenTelemetry (a plain one when tracing is off). */
    static Vertx vertx(OpenTelemetry openTelemetry) {
        return openTelemetry == OpenTelemetry.noop() ? Vertx.vertx()
                : Vertx.builder().withTracer(new OpenTelemetryTracingFactory(openTelemetry)).build();
    }

    /** The scheduler, its tasks run in the trace context of whoever scheduled them. */
    ScheduledExecutorService propagating(ScheduledExecutorService scheduler) {
        return enabled ? Context.taskWrapping(scheduler) : scheduler;
    }

    /**
     * Sends one request from a duplicated Vert.x context that holds the current trace context, on the calling
     * thread, so Vert.x's client span has the caller's span as its parent; the answer's callbacks run in the same
     * context, so a retry scheduled from them stays in the trace.
     */
    <T> Future<T> send(Supplier<Future<T>> request) {
        if (!enabled) {
            return request.get();
        }
        Context trace = Context.current();
        ContextInternal own = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
        // Not closed: the duplicate lives exactly as long as this exchange.
        VertxContextStorage.INSTANCE.attach(own, trace);
        @SuppressWarnings("unchecked")
        Future<T>[] sent = new Future[1];
        own.dispatch(() -> sent[0] = request.get());
        return sent[0];
    }
}
