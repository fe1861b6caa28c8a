package io.docverify.grpc.error;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A call to any method whose request messages are whatever bytes (or byte stream) the test gives, sent as a
 * grpc-java client would frame them, optionally gzip-compressed by grpc-java's own compressor.
 */
final class RawCall {
    /** The end of a call: its status and trailers. */
    record End(Status status, Metadata trailers) {
    }

    private static final MethodDescriptor.Marshaller<Supplier<InputStream>> STREAMS = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(Supplier<InputStream> value) {
            return value.get();
        }

        @Override
        public Supplier<InputStream> parse(InputStream stream) {
            try {
                byte[] bytes = stream.readAllBytes();
                return () -> new ByteArrayInputStream(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private RawCall() {
    }

    /** Sends {@code messages} (each a byte array) to {@code fullMethodName} and half-closes. */
    static End send(Channel channel, String fullMethodName, MethodDescriptor.MethodType type, String compression,
            ClientInterceptor auth, List<byte[]> messages) {
        return sendStreams(channel, fullMethodName, type, compression, auth,
                messages.stream().<Supplier<InputStream>>map(m -> () -> new ByteArrayInputStream(m)).toList());
    }

    /** Sends the messages, each an input stream read once, to {@code fullMethodName} and half-closes. */
    static End sendStreams(Channel channel, String fullMethodName, MethodDescriptor.MethodType type,
            String compression, ClientInterceptor auth, List<Supplier<InputStream>> messages) {
        var method = MethodDescriptor.<Supplier<InputStream>, Supplier<InputStream>>newBuilder(STREAMS, STREAMS)
                .setFullMethodName(fullMethodName).setType(type).build();
        var options = CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS);
        if (compression != null) {
            options = options.withCompression(compression);
        }
        Channel target = auth == null ? channel : ClientInterceptors.intercept(channel, auth);
        ClientCall<Supplier<InputStream>, Supplier<InputStream>> call = target.newCall(method, options);
        var end = new CompletableFuture<End>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                end.complete(new End(status, trailers));
            }
        }, new Metadata());
        call.request(Integer.MAX_VALUE);
        for (Supplier<InputStream> message : messages) {
            call.sendMessage(message);
        }
        call.halfClose();
        return end.orTimeout(30, TimeUnit.SECONDS).join();
    }
}
