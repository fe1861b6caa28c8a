package io.docverify.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Refuses every new call with UNAVAILABLE once the shutdown began. grpc-java's graceful shutdown sends GOAWAY and
 * keeps accepting streams on open connections until the client acknowledges it (or its ping times out); a client
 * that has not read the GOAWAY yet would still be served during the grace. UNAVAILABLE is what a client retries,
 * on another server. Calls already running are not affected.
 */
final class ShutdownGate implements ServerInterceptor {
    private volatile boolean closed;

    /** From now on, new calls are refused. */
    void close() {
        closed = true;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        if (closed) {
            call.close(Status.UNAVAILABLE.withDescription("The server is shutting down; retry on another server."),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
