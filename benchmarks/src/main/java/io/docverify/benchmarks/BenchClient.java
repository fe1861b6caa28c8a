package io.docverify.benchmarks;

import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/**
 * The one client every figure uses, for the baseline and for docverify alike: a plaintext channel to
 * 127.0.0.1 with grpc-java's defaults, sending {@code authorization: Bearer <key>} on every call (the bare server
 * ignores it).
 */
public final class BenchClient implements AutoCloseable {
    /** The API key of the benchmark servers. */
    public static final String KEY = "benchmark-api-key-0123456789";

    private final ManagedChannel channel;
    private final ClientInterceptor bearer;

    public BenchClient(int port) {
        this.channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
                .build();
        var headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + KEY);
        this.bearer = MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    public DocumentServiceGrpc.DocumentServiceBlockingStub blocking() {
        return DocumentServiceGrpc.newBlockingStub(channel).withInterceptors(bearer);
    }

    public DocumentServiceGrpc.DocumentServiceStub async() {
        return DocumentServiceGrpc.newStub(channel).withInterceptors(bearer);
    }

    public ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
