package io.docverify.benchmarks;

import io.docverify.grpc.connection.ConnectionLayer;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: a bare grpc-java server of the same {@code docverify.v1.DocumentService}, built the way
 * {@code Transports.netty()} builds docverify's (Netty, plaintext, same inbound message limit), but with nothing
 * else: {@code GetDocument} answers a stored response from a map, {@code UploadDocument} discards the chunks
 * (gRPC's automatic flow control) and answers a fixed document. A health service says SERVING, so that cold start
 * can be compared.
 */
public final class BareServer implements BenchServer {
    private final Server server;
    private final BareDocumentService service;

    private BareServer(Server server, BareDocumentService service) {
        this.server = server;
        this.service = service;
    }

    /** Starts on 127.0.0.1:{@code port} (0: a free port). */
    public static BareServer start(int port) {
        var service = new BareDocumentService();
        var health = new HealthStatusManager();
        try {
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port),
                            InsecureServerCredentials.create())
                    .addService(service)
                    .addService(health.getHealthService())
                    .maxInboundMessageSize(ConnectionLayer.MAX_INBOUND_MESSAGE_BYTES)
                    .build().start();
            health.setStatus(DocumentServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
            return new BareServer(server, service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code GetDocument(id)} answer {@code response}; the document is also the upload answer. */
    public BareServer put(String id, GetDocumentResponse response) {
        service.documents.put(id, response);
        service.uploadAnswer = UploadDocumentResponse.newBuilder().setDocument(response.getDocument()).build();
        return this;
    }

    /** Bytes of chunks received and discarded so far. */
    public long bytesDiscarded() {
        return service.bytes.get();
    }

    @Override
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class BareDocumentService extends DocumentServiceGrpc.DocumentServiceImplBase {
        final Map<String, GetDocumentResponse> documents = new ConcurrentHashMap<>();
        final AtomicLong bytes = new AtomicLong();
        volatile UploadDocumentResponse uploadAnswer = UploadDocumentResponse.newBuilder()
                .setDocument(Document.getDefaultInstance()).build();

        @Override
        public void getDocument(GetDocumentRequest request, StreamObserver<GetDocumentResponse> observer) {
            GetDocumentResponse response = documents.get(request.getDocumentId());
            if (response == null) {
                observer.onError(Status.NOT_FOUND.asRuntimeException());
                return;
            }
            observer.onNext(response);
            observer.onCompleted();
        }

        @Override
        public StreamObserver<UploadDocumentRequest> uploadDocument(StreamObserver<UploadDocumentResponse> observer) {
            return new StreamObserver<>() {
                @Override
                public void onNext(UploadDocumentRequest message) {
                    bytes.addAndGet(message.getChunk().size());
                }

                @Override
                public void onError(Throwable t) {
                    // The client went away: nothing to clean up.
                }

                @Override
                public void onCompleted() {
                    observer.onNext(uploadAnswer);
                    observer.onCompleted();
                }
            };
        }
    }
}
