package io.docverify.grpc.connection;

import com.google.protobuf.ByteString;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadFinish;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client upload that ends as the protocol asks: the metadata, the chunks, the {@link UploadFinish} message
 * declaring the size, then the half-close.
 */
public final class FinishingUpload implements ClientResponseObserver<UploadDocumentRequest, UploadDocumentResponse> {
    /** The answer: the document, or the gRPC error. */
    public final CompletableFuture<Document> result = new CompletableFuture<>();

    private final UploadMetadata metadata;
    private final byte[] head;
    private final long total;
    private final int chunkSize;
    private final byte[] filler;
    private final boolean eager;
    private ClientCallStreamObserver<UploadDocumentRequest> requests;
    private boolean metadataSent;
    private boolean finished;
    private long sent;

    private FinishingUpload(UploadMetadata metadata, byte[] head, long total, int chunkSize, boolean eager) {
        this.eager = eager;
        this.metadata = metadata;
        this.head = head;
        this.total = total;
        this.chunkSize = chunkSize;
        this.filler = new byte[chunkSize];
        new java.util.Random(total).nextBytes(filler);
    }

    /**
     * Starts an upload of {@code total} bytes ({@code head} first, then filler) on {@code stub}. An {@code eager}
     * upload writes the whole file at once, as {@code @grpc/grpc-js} does, and leaves the pacing to HTTP/2 flow
     * control; otherwise it writes only while the stream is ready.
     */
    public static FinishingUpload start(DocumentServiceGrpc.DocumentServiceStub stub, UploadMetadata metadata,
            byte[] head, long total, int chunkSize, int deadlineSeconds, boolean eager) {
        var upload = new FinishingUpload(metadata, head, total, chunkSize, eager);
        stub.withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS).uploadDocument(upload);
        return upload;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<UploadDocumentRequest> stream) {
        requests = stream;
        stream.setOnReadyHandler(this::pump);
    }

    private synchronized void pump() {
        if (result.isDone() || finished) {
            return;
        }
        if (!metadataSent) {
            requests.onNext(UploadDocumentRequest.newBuilder().setMetadata(metadata).build());
            metadataSent = true;
        }
        while ((eager || requests.isReady()) && sent < total) {
            int length = (int) Math.min(chunkSize, total - sent);
            ByteString chunk = sent == 0
                    ? ByteString.copyFrom(head).concat(ByteString.copyFrom(filler, 0, length - head.length))
                    : ByteString.copyFrom(filler, 0, length);
            requests.onNext(UploadDocumentRequest.newBuilder().setChunk(chunk).build());
            sent += length;
        }
        if (sent >= total) {
            finished = true;
            requests.onNext(UploadDocumentRequest.newBuilder()
                    .setFinish(UploadFinish.newBuilder().setSizeBytes(total)).build());
            requests.onCompleted();
        }
    }

    @Override
    public void onNext(UploadDocumentResponse value) {
        result.complete(value.getDocument());
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
        result.completeExceptionally(new AssertionError("completed without a document"));
    }
}
