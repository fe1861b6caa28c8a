package io.docverify.grpc.metrics;

import io.docverify.grpc.security.Caller;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts every call by who made it: {@value #NAME} ({@code docverify_calls_total} in Prometheus) tagged
 * {@code caller} (the API key's name, {@link Caller}; never the key), {@code service}, {@code method} and
 * {@code statusCode}, once per call, when it is answered or cancelled. Runs after {@code ApiKeyInterceptor} (which
 * names the caller) and before the scope check, so refusals for want of a scope are counted too. The tags stay few:
 * the names are configured, the methods registered.
 */
public final class CallerMetricsInterceptor implements ServerInterceptor {
    /** The counter's name. */
    public static final String NAME = "docverify.calls";

    private final MeterRegistry registry;

    public CallerMetricsInterceptor(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        var count = new Count(Caller.current(), call.getMethodDescriptor().getServiceName(),
                call.getMethodDescriptor().getBareMethodName());
        ServerCall<Q, A> counted = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                count.once(status.getCode());
                super.close(status, trailers);
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(counted,
                headers)) {
            @Override
            public void onCancel() {
                count.once(Status.Code.CANCELLED);
                super.onCancel();
            }
        };
    }

    private final class Count {
        private final AtomicBoolean done = new AtomicBoolean();
        private final String caller;
        private final String service;
        private final String method;

        Count(String caller, String service, String method) {
            this.caller = caller;
            this.service = String.valueOf(service);
            this.method = String.valueOf(method);
        }

        void once(Status.Code code) {
            if (done.compareAndSet(false, true)) {
                Counter.builder(NAME).description("calls by caller (API key name), method and status")
                        .tag("caller", caller).tag("service", service).tag("method", method)
                        .tag("statusCode", code.name()).register(registry).increment();
            }
        }
    }
}
