package io.docverify.grpc;

import com.google.protobuf.ByteString;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client upload that respects gRPC flow control: it sends the metadata, then chunks only while the stream is
 * ready, up to {@code total} bytes, and sends its {@code finish} message and half-closes only if asked to. It shows
 * how far a client gets before the server holds it back, and whether the server answers before the client has
 * finished.
 */
public final class PumpingUpload implements ClientResponseObserver<UploadDocumentRequest, UploadDocumentResponse> {
    /** The answer: the document, or the gRPC error. */
    public final CompletableFuture<Document> result = new CompletableFuture<>();
    /** File bytes handed to gRPC so far. */
    public final AtomicLong bytesSent = new AtomicLong();
    /** True once the client sent {@code finish} and half-closed. */
    public final AtomicBoolean halfClosed = new AtomicBoolean();

    private final UploadMetadata metadata;
    private final byte[] head;
    private final long total;
    private final int chunkSize;
    private final boolean halfCloseAtEnd;
    private final byte[] filler;
    private volatile ClientCallStreamObserver<UploadDocumentRequest> requests;
    private boolean metadataSent;

    /**
     * @param head           the first bytes of the file (a signature); the rest is filler
     * @param total          the file size
     * @param halfCloseAtEnd whether to send {@code finish} (declaring {@code total}) and half-close after the
     *                       last byte
     */
    private PumpingUpload(UploadMetadata metadata, byte[] head, long total, int chunkSize, boolean halfCloseAtEnd) {
        this.metadata = metadata;
        this.head = head;
        this.total = total;
        this.chunkSize = chunkSize;
        this.halfCloseAtEnd = halfCloseAtEnd;
        this.filler = new byte[chunkSize];
        new java.util.Random(total).nextBytes(filler);
    }

    /** Starts pumping on {@code stub}. */
    public static PumpingUpload start(DocumentServiceGrpc.DocumentServiceStub stub, UploadMetadata metadata,
            byte[] head, long total, int chunkSize, boolean halfCloseAtEnd) {
        return start(stub, metadata, head, total, chunkSize, halfCloseAtEnd, 30);
    }

    /** {@link #start(DocumentServiceGrpc.DocumentServiceStub, UploadMetadata, byte[], long, int, boolean)} with a
     *  chosen deadline, for many large uploads on a busy machine. */
    public static PumpingUpload start(DocumentServiceGrpc.DocumentServiceStub stub, UploadMetadata metadata,
            byte[] head, long total, int chunkSize, boolean halfCloseAtEnd, int deadlineSeconds) {
        var upload = new PumpingUpload(metadata, head, total, chunkSize, halfCloseAtEnd);
        stub.withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS).uploadDocument(upload);
        return upload;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<UploadDocumentRequest> stream) {
        requests = stream;
        stream.setOnReadyHandler(this::pump);
    }

    /** The gRPC error the upload ended with (waits for it). */
    public Throwable failure() {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Calls.await(result));
        org.assertj.core.api.Assertions.assertThat(thrown).as("the upload failed").isNotNull();
        return thrown;
    }

    /** Cancels the call from the client side. */
    public void cancel() {
        requests.cancel("test cancels the upload", null);
    }

    private synchronized void pump() {
        if (result.isDone() || halfClosed.get()) {
            return;
        }
        if (!metadataSent) {
            requests.onNext(UploadDocumentRequest.newBuilder().setMetadata(metadata).build());
            metadataSent = true;
        }
        while (requests.isReady() && bytesSent.get() < total && !result.isDone()) {
            long sent = bytesSent.get();
            int length = (int) Math.min(chunkSize, total - sent);
            ByteString chunk = sent == 0
                    ? ByteString.copyFrom(head).concat(ByteString.copyFrom(filler, 0, length - head.length))
                    : ByteString.copyFrom(filler, 0, length);
            requests.onNext(UploadDocumentRequest.newBuilder().setChunk(chunk).build());
            bytesSent.addAndGet(length);
        }
        if (bytesSent.get() >= total && halfCloseAtEnd && halfClosed.compareAndSet(false, true)) {
            requests.onNext(Calls.finishMessage(total));
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
