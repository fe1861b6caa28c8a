package io.docverify.benchmarks;

import com.google.protobuf.ByteString;
import io.docverify.grpc.v1.DocumentProto.DocumentType;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadFinish;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One client-streaming upload that respects gRPC's flow control (writes only while the call is ready), so the
 * client never buffers more than gRPC's small send buffer. The chunk messages are built once ({@link #chunks})
 * and shared by every upload, so the client's own work is the same for the baseline and for docverify; each ends
 * with the {@code finish} message that declares the size, as docverify.v1 requires.
 *
 * <p>{@code stopAfterBytes} keeps the upload open after that many bytes (for the heap figure): {@link #sent()}
 * completes once they are written and flushed, and {@link #cancel()} ends the call.
 */
public final class Upload implements ClientResponseObserver<UploadDocumentRequest, UploadDocumentResponse> {
    private final UploadMetadata metadata;
    private final List<UploadDocumentRequest> chunks;
    private final long stopAfterBytes;
    private final UploadDocumentRequest finish;
    private final CompletableFuture<UploadDocumentResponse> result = new CompletableFuture<>();
    private final CompletableFuture<Long> sent = new CompletableFuture<>();
    private ClientCallStreamObserver<UploadDocumentRequest> requests;
    private boolean metadataSent;
    private int next;
    private long bytes;
    private boolean halfClosed;
    private UploadDocumentResponse response;

    private Upload(UploadMetadata metadata, List<UploadDocumentRequest> chunks, long stopAfterBytes) {
        this.metadata = metadata;
        this.chunks = chunks;
        this.stopAfterBytes = stopAfterBytes;
        this.finish = UploadDocumentRequest.newBuilder().setFinish(UploadFinish.newBuilder()
                .setSizeBytes(chunks.stream().mapToLong(c -> c.getChunk().size()).sum())).build();
    }

    /** The messages carrying {@code file} in chunks of {@code chunkBytes}. */
    public static List<UploadDocumentRequest> chunks(byte[] file, int chunkBytes) {
        var list = new ArrayList<UploadDocumentRequest>();
        for (int at = 0; at < file.length; at += chunkBytes) {
            list.add(UploadDocumentRequest.newBuilder()
                    .setChunk(ByteString.copyFrom(file, at, Math.min(chunkBytes, file.length - at))).build());
        }
        return List.copyOf(list);
    }

    /** A passport upload for {@code customerId}. */
    public static UploadMetadata passport(String customerId) {
        return UploadMetadata.newBuilder().setCustomerId(customerId)
                .setDocumentType(DocumentType.DOCUMENT_TYPE_PASSPORT).setFileName("passport.png").build();
    }

    /** Uploads all chunks, the {@code finish} message and half-closes; the future completes with the answer. */
    public static Upload start(DocumentServiceGrpc.DocumentServiceStub stub, UploadMetadata metadata,
            List<UploadDocumentRequest> chunks) {
        return start(stub, metadata, chunks, Long.MAX_VALUE);
    }

    /** Uploads chunks until {@code stopAfterBytes} are sent, then holds the call open (unless all were sent). */
    public static Upload start(DocumentServiceGrpc.DocumentServiceStub stub, UploadMetadata metadata,
            List<UploadDocumentRequest> chunks, long stopAfterBytes) {
        var upload = new Upload(metadata, chunks, stopAfterBytes);
        stub.uploadDocument(upload);
        return upload;
    }

    /** The answer: the created document, or the call's error. */
    public CompletableFuture<UploadDocumentResponse> result() {
        return result;
    }

    /** Completes with the bytes sent once the client has written them all and gRPC's buffer has drained. */
    public CompletableFuture<Long> sent() {
        return sent;
    }

    /** Cancels the call (the server sees CANCELLED). */
    public synchronized void cancel() {
        if (requests != null && !result.isDone()) {
            requests.cancel("benchmark done", null);
        }
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<UploadDocumentRequest> stream) {
        this.requests = stream;
        stream.setOnReadyHandler(this::pump);
    }

    private synchronized void pump() {
        if (halfClosed || result.isDone()) {
            return;
        }
        if (!metadataSent) {
            requests.onNext(UploadDocumentRequest.newBuilder().setMetadata(metadata).build());
            metadataSent = true;
        }
        while (requests.isReady() && next < chunks.size() && bytes < stopAfterBytes) {
            UploadDocumentRequest chunk = chunks.get(next++);
            bytes += chunk.getChunk().size();
            requests.onNext(chunk);
        }
        if (next == chunks.size()) {
            halfClosed = true;
            requests.onNext(finish); // docverify.v1 stores an upload only once its finish message declares its size
            requests.onCompleted();
            sent.complete(bytes);
        } else if (bytes >= stopAfterBytes && requests.isReady()) {
            sent.complete(bytes);
        }
    }

    @Override
    public void onNext(UploadDocumentResponse value) {
        response = value;
    }

    @Override
    public void onError(Throwable t) {
        sent.completeExceptionally(t);
        result.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
        result.complete(response);
    }
}
