package io.docverify.grpc;

import com.google.protobuf.ByteString;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client upload of {@code total} bytes ({@code head} first, then filler): the metadata, then the chunks, then,
 * if asked to, the {@code finish} message declaring the size and the half-close. One that {@link #start}s respects
 * gRPC flow control, sending chunks only while the stream is ready: it shows how far a client gets before the
 * server holds it back, and whether the server answers before the client has finished. An {@link #eager} one
 * writes the whole file at once, as {@code @grpc/grpc-js} does, and leaves the pacing to HTTP/2 flow control.
 */
public final class PumpingUpload extends UploadAnswer
        implements ClientResponseObserver<UploadDocumentRequest, UploadDocumentResponse> {
    /** File bytes handed to gRPC so far. */
    public final AtomicLong bytesSent = new AtomicLong();
    /** True once the client sent {@code finish} and half-closed. */
    public final AtomicBoolean halfClosed = new AtomicBoolean();

    private final UploadMetadata metadata;
    private final byte[] head;
    private final long total;
    private final int chunkSize;
    private final boolean halfCloseAtEnd;
    private final boolean eager;
    private final byte[] filler;
    private volatile ClientCallStreamObserver<UploadDocumentRequest> requests;
    private boolean metadataSent;

    /**
     * @param head           the first bytes of the file (a signature); the rest is filler
     * @param total          the file size
     * @param halfCloseAtEnd whether to send {@code finish} (declaring {@code total}) and half-close after the
     *                       last byte
     */
    private PumpingUpload(UploadMetadata metadata, byte[] head, long total, int chunkSize, boolean halfCloseAtEnd,
            boolean eager) {
        this.metadata = metadata;
        this.eager = eager;
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
        return run(stub, deadlineSeconds, new PumpingUpload(metadata, head, total, chunkSize, halfCloseAtEnd, false));
    }

    /** Starts an eager upload on {@code stub} that sends {@code finish} and half-closes after the last byte. */
    public static PumpingUpload eager(DocumentServiceGrpc.DocumentServiceStub stub, UploadMetadata metadata,
            byte[] head, long total, int chunkSize, int deadlineSeconds) {
        return run(stub, deadlineSeconds, new PumpingUpload(metadata, head, total, chunkSize, true, true));
    }

    private static PumpingUpload run(DocumentServiceGrpc.DocumentServiceStub stub, int deadlineSeconds,
            PumpingUpload upload) {
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
        while ((eager || requests.isReady()) && bytesSent.get() < total && !result.isDone()) {
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
}
