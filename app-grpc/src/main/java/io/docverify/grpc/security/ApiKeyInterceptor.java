package io.docverify.grpc.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Requires {@code authorization: Bearer <api key>} metadata on every call except gRPC health checking (which
 * load balancers and orchestrators call without credentials). A call without it, with another scheme, or with a
 * key that is not configured ends with UNAUTHENTICATED before it reaches a service. An authenticated call carries
 * its key's name in its context ({@link Caller}); whether the key may call the method is {@link ScopeInterceptor}'s
 * question, asked next. Server reflection is not open: it describes the API to whoever asks.
 */
public final class ApiKeyInterceptor implements ServerInterceptor {
    /** The metadata key of the bearer token. */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";
    private static final Set<String> OPEN_SERVICES = Set.of(HealthGrpc.SERVICE_NAME);

    private final ApiKeys keys;
    private final AuthFailures failures;

    public ApiKeyInterceptor(ApiKeys keys) {
        this(keys, AuthFailures.ignored());
    }

    /** An interceptor that reports every refusal to {@code failures} (rate-limited log, connection closing). */
    public ApiKeyInterceptor(ApiKeys keys, AuthFailures failures) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(AUTHORIZATION);
        if (authorization == null) {
            return refuse(call, "Missing 'authorization: Bearer <api key>' metadata.");
        }
        Optional<String> name = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? keys.nameOf(authorization.substring(BEARER.length()).trim())
                : Optional.empty();
        if (name.isEmpty()) {
            return refuse(call, "Invalid API key.");
        }
        return Contexts.interceptCall(Context.current().withValue(Caller.NAME, name.get()), call, headers, next);
    }

    private <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, String description) {
        call.close(Status.UNAUTHENTICATED.withDescription(description), new Metadata());
        // After the answer: closing the connection, if it comes to that, must not overtake it.
        failures.refused(call, description);
        return new ServerCall.Listener<>() {
        };
    }
}
