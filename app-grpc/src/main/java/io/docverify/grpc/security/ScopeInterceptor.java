package io.docverify.grpc.security;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.docverify.grpc.error.ErrorMapping;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.SandboxServiceGrpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a call through only if its caller's key (named by {@link ApiKeyInterceptor}, which runs first) has the scope
 * its method needs ({@link #requiredScope}). Server reflection needs a valid key but no scope; health checking
 * needs nothing. Any other call is refused PERMISSION_DENIED with an {@code ErrorInfo} whose reason is
 * {@value #REASON} (Dwolla's code for "missing or invalid scopes for requested endpoint") and whose metadata
 * {@code requiredScope} names the scope; the refusal is one WARN line with the caller's name, never the key.
 * A method this table does not know is refused to every key, so a new RPC is closed until it is given a scope.
 */
public final class ScopeInterceptor implements ServerInterceptor {
    /** The {@code ErrorInfo.reason} of a call whose key lacks the scope. */
    public static final String REASON = "InvalidScopes";

    private static final Logger LOG = LoggerFactory.getLogger(ScopeInterceptor.class);
    private static final Set<String> NO_SCOPE = Set.of(HealthGrpc.SERVICE_NAME, ServerReflectionGrpc.SERVICE_NAME,
            "grpc.reflection.v1alpha.ServerReflection");
    private static final Map<String, Scope> DOCUMENT_METHODS = Map.of(
            DocumentServiceGrpc.getUploadDocumentMethod().getFullMethodName(), Scope.UPLOAD,
            DocumentServiceGrpc.getGetDocumentMethod().getFullMethodName(), Scope.READ,
            DocumentServiceGrpc.getListDocumentsMethod().getFullMethodName(), Scope.READ,
            DocumentServiceGrpc.getWatchDocumentMethod().getFullMethodName(), Scope.READ,
            DocumentServiceGrpc.getWatchEventsMethod().getFullMethodName(), Scope.READ,
            DocumentServiceGrpc.getListDocumentHistoryMethod().getFullMethodName(), Scope.AUDIT);

    private final ApiKeys keys;

    public ScopeInterceptor(ApiKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * The scope a method of docverify's services needs: {@code upload} UploadDocument, {@code audit}
     * ListDocumentHistory, {@code read} the other DocumentService methods, {@code sandbox} every SandboxService
     * method; empty for a method it does not know.
     */
    public static Optional<Scope> requiredScope(String fullMethodName) {
        if (SandboxServiceGrpc.SERVICE_NAME.equals(MethodDescriptor.extractFullServiceName(fullMethodName))) {
            return Optional.of(Scope.SANDBOX);
        }
        return Optional.ofNullable(DOCUMENT_METHODS.get(fullMethodName));
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        var method = call.getMethodDescriptor();
        if (NO_SCOPE.contains(method.getServiceName())) {
            return next.startCall(call, headers);
        }
        String caller = Caller.current();
        Optional<Scope> needed = requiredScope(method.getFullMethodName());
        if (needed.isPresent() && keys.scopesOf(caller).contains(needed.get())) {
            return next.startCall(call, headers);
        }
        return deny(call, caller, method.getFullMethodName(), needed);
    }

    private static <Q, A> ServerCall.Listener<Q> deny(ServerCall<Q, A> call, String caller, String method,
            Optional<Scope> needed) {
        String scope = needed.map(Scope::word).orElse("none");
        LOG.atWarn().addKeyValue("event", "call.denied").addKeyValue("caller", caller).addKeyValue("method", method)
                .addKeyValue("requiredScope", scope).log("call refused: the API key lacks the scope");
        var info = ErrorInfo.newBuilder().setReason(REASON).setDomain(ErrorMapping.DOMAIN)
                .putMetadata("requiredScope", scope);
        String description = needed.isPresent()
                ? "The API key '" + caller + "' does not have the '" + scope + "' scope that " + method + " needs."
                : "No API key scope allows " + method + ".";
        StatusRuntimeException refusal = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(io.grpc.Status.Code.PERMISSION_DENIED.value()).setMessage(description)
                .addDetails(Any.pack(info.build())).build());
        call.close(refusal.getStatus(), refusal.getTrailers());
        return new ServerCall.Listener<>() {
        };
    }
}
