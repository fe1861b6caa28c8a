package io.docverify.grpc.error;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import io.docverify.grpc.logging.LogBudget;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Attributes;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request messages that do not parse are the client's mistake, not the application's. grpc-java parses a request
 * in its own call machinery, before any interceptor's listener sees it, and answers a parse failure with UNKNOWN
 * "Application error processing RPC" and an ERROR stack trace (526 lines for 40 KB of nested groups). This rewrite
 * of a service's methods, in the manner of {@code ServerInterceptors.useMarshalledMessages}, lets the transport
 * hand over the message as a stream and parses it here with the method's own marshaller: a message that does not
 * parse ends the call with INVALID_ARGUMENT and {@code ValidationError}; one that inflates past the inbound limit
 * (a compression bomb) with RESOURCE_EXHAUSTED, as gRPC answers a message over the limit on the wire. Either is
 * one WARN line without a stack trace, within a {@link LogBudget}.
 *
 * <p>The application sees a call that was cancelled: its listener gets {@code onCancel}, and whatever it still
 * sends or closes on the call is dropped, so a half-read upload is abandoned and commits nothing.
 */
public final class MalformedRequests {
    private static final Logger LOG = LoggerFactory.getLogger(MalformedRequests.class);
    private static final LogBudget BUDGET = new LogBudget(10, Duration.ofMinutes(1));

    private static final MethodDescriptor.Marshaller<InputStream> STREAM = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InputStream value) {
            return value;
        }

        @Override
        public InputStream parse(InputStream stream) {
            return stream; // read at once by the listener below, before grpc-java closes it
        }
    };

    private MalformedRequests() {
    }

    /** The same service, its request messages parsed under {@link MalformedRequests}' rules. */
    public static ServerServiceDefinition guard(ServerServiceDefinition service) {
        ServiceDescriptor original = service.getServiceDescriptor();
        var descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            ServerMethodDefinition<InputStream, ?> guarded = guard(method);
            descriptor.addMethod(guarded.getMethodDescriptor());
            methods.add(guarded);
        }
        var builder = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(builder::addMethod);
        return builder.build();
    }

    private static <Q, A> ServerMethodDefinition<InputStream, A> guard(ServerMethodDefinition<Q, A> definition) {
        MethodDescriptor<Q, A> method = definition.getMethodDescriptor();
        MethodDescriptor<InputStream, A> streamed = method.toBuilder(STREAM, method.getResponseMarshaller()).build();
        ServerCallHandler<Q, A> handler = definition.getServerCallHandler();
        return ServerMethodDefinition.create(streamed, (call, headers) -> {
            var guarded = new GuardedCall<>(call, method);
            ServerCall.Listener<Q> listener = handler.startCall(guarded, headers);
            return guarded.listener(listener);
        });
    }

    /**
     * The call as the application sees it: typed requests, and nothing it does reaches the transport once a
     * malformed message has ended the call.
     */
    private static final class GuardedCall<Q, A> extends ServerCall<Q, A> {
        private final ServerCall<InputStream, A> call;
        private final MethodDescriptor<Q, A> method;
        private boolean closed;
        private boolean refused;

        GuardedCall(ServerCall<InputStream, A> call, MethodDescriptor<Q, A> method) {
            this.call = call;
            this.method = method;
        }

        @Override
        public MethodDescriptor<Q, A> getMethodDescriptor() {
            return method;
        }

        @Override
        public void request(int numMessages) {
            call.request(numMessages);
        }

        @Override
        public boolean isReady() {
            return call.isReady();
        }

        @Override
        public void setOnReadyThreshold(int numBytes) {
            call.setOnReadyThreshold(numBytes);
        }

        @Override
        public void setMessageCompression(boolean enabled) {
            call.setMessageCompression(enabled);
        }

        @Override
        public void setCompression(String compressor) {
            call.setCompression(compressor);
        }

        @Override
        public Attributes getAttributes() {
            return call.getAttributes();
        }

        @Override
        public String getAuthority() {
            return call.getAuthority();
        }

        @Override
        public SecurityLevel getSecurityLevel() {
            return call.getSecurityLevel();
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!closed) {
                call.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void sendMessage(A message) {
            if (!closed) {
                call.sendMessage(message);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (!closed) {
                closed = true;
                call.close(status, trailers);
            }
        }

        @Override
        public synchronized boolean isCancelled() {
            return refused || call.isCancelled();
        }

        /** Ends the call for a malformed message; false if it had already ended. */
        private synchronized boolean refuse(StatusRuntimeException answer) {
            if (closed) {
                return false;
            }
            closed = true;
            refused = true;
            Metadata trailers = answer.getTrailers() == null ? new Metadata() : answer.getTrailers();
            call.close(answer.getStatus(), trailers);
            return true;
        }

        ServerCall.Listener<InputStream> listener(ServerCall.Listener<Q> application) {
            // gRPC calls a listener from one thread at a time: 'ended' needs no lock.
            return new ServerCall.Listener<>() {
                private boolean ended;

                @Override
                public void onMessage(InputStream message) {
                    if (ended) {
                        return;
                    }
                    Q parsed;
                    try {
                        parsed = method.parseRequest(message);
                    } catch (RuntimeException e) {
                        ended = true;
                        if (refuse(answer(e))) {
                            log(e);
                            application.onCancel();
                        }
                        return;
                    }
                    application.onMessage(parsed);
                }

                @Override
                public void onHalfClose() {
                    if (!ended) {
                        application.onHalfClose();
                    }
                }

                @Override
                public void onReady() {
                    if (!ended) {
                        application.onReady();
                    }
                }

                @Override
                public void onComplete() {
                    if (!ended) {
                        application.onComplete();
                    }
                }

                @Override
                public void onCancel() {
                    if (!ended) {
                        ended = true;
                        application.onCancel();
                    }
                }
            };
        }

        private StatusRuntimeException answer(RuntimeException failure) {
            Status tooLarge = tooLarge(failure);
            if (tooLarge != null) {
                return Status.RESOURCE_EXHAUSTED.withDescription(tooLarge.getDescription()).asRuntimeException();
            }
            // The path "" is the JSON pointer of the whole message.
            return ErrorMapping.toStatusException(DocumentError.validation(FieldError.INVALID_FORMAT, "",
                    "The request message is not a valid " + requestType() + ": " + reason(failure) + "."));
        }

        private String requestType() {
            if (method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> p
                    && p.getMessagePrototype() instanceof com.google.protobuf.Message m) {
                return m.getDescriptorForType().getFullName();
            }
            return "message of " + method.getFullMethodName();
        }

        private void log(RuntimeException failure) {
            long dropped = BUDGET.take();
            if (dropped < 0) {
                return;
            }
            var line = LOG.atWarn().addKeyValue("event", "request.malformed")
                    .addKeyValue("method", method.getFullMethodName())
                    .addKeyValue("status", tooLarge(failure) == null ? "INVALID_ARGUMENT" : "RESOURCE_EXHAUSTED")
                    .addKeyValue("reason", reason(failure));
            if (dropped > 0) {
                line = line.addKeyValue("suppressed", dropped);
            }
            line.log("malformed request message refused");
        }
    }

    /** The RESOURCE_EXHAUSTED gRPC raised while the message was read (it inflated past the limit), or null. */
    private static Status tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException e && e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                return e.getStatus();
            }
        }
        return null;
    }

    /** What was wrong, from the parser's own message (fixed texts, never the message's bytes). */
    private static String reason(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String text = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        int end = text.indexOf('.');
        String sentence = end > 0 ? text.substring(0, end) : text;
        return sentence.length() > 160 ? sentence.substring(0, 160) : sentence;
    }
}
