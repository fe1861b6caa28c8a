package io.docverify.grpc.service;

import com.google.protobuf.ByteString;
import io.docverify.domain.DocumentOwner;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.docverify.grpc.error.ErrorMapping;
import io.docverify.grpc.v1.UploadDocumentRequest;
import io.docverify.grpc.v1.UploadDocumentResponse;
import io.docverify.grpc.v1.UploadMetadata;
import io.docverify.ports.in.FileUpload;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.in.UploadDocumentUseCase;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code UploadDocument} call: reads the metadata message, hands the use case a {@link FileUpload} whose
 * chunks come straight from the stream ({@link GrpcChunkPublisher}, demand-driven), and answers with the created
 * document or the error. Automatic requests are disabled: the call asks gRPC for the metadata, then only for the
 * chunks the provider asks for.
 *
 * <p>Refused at once, without reading further: a chunk before the metadata, a second metadata message, a stream
 * that ends before its metadata, bad metadata, a chunk over {@link #MAX_CHUNK_BYTES}, and (through the provider's
 * content inspection) a file past 10 MiB or of a refused kind. When the call is refused or cancelled, the content
 * stream fails, so the provider never commits a document from it.
 *
 * <p>The gRPC callbacks are serialized by gRPC; {@link #finished} makes sure exactly one answer is sent, from
 * whichever thread decides first.
 */
final class UploadCall implements StreamObserver<UploadDocumentRequest> {
    /** Largest chunk accepted: 1 MiB. */
    static final int MAX_CHUNK_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(UploadCall.class);

    private enum Phase { AWAITING_METADATA, STREAMING, FINISHED }

    private final ServerCallStreamObserver<UploadDocumentResponse> response;
    private final UploadDocumentUseCase uploads;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Runnable onFinish;
    private volatile Phase phase = Phase.AWAITING_METADATA;
    private volatile GrpcChunkPublisher content;
    private volatile ScheduledFuture<?> deadline;
    private volatile long bytesReceived;

    private UploadCall(ServerCallStreamObserver<UploadDocumentResponse> response, UploadDocumentUseCase uploads,
            Runnable onFinish) {
        this.response = response;
        this.uploads = uploads;
        this.onFinish = onFinish;
    }

    /**
     * Starts a call; must run inside the service method, before it returns. An upload that has not been answered
     * within {@code timeout} (zero: no limit) fails with {@code RequestTimeout} and stores nothing, so a stalled
     * client cannot hold a call, its buffers and its idempotency key for ever. {@code onFinish} runs once, when
     * the call has been answered or cancelled.
     */
    static StreamObserver<UploadDocumentRequest> start(StreamObserver<UploadDocumentResponse> observer,
            UploadDocumentUseCase uploads, ScheduledExecutorService timer, Duration timeout, Runnable onFinish) {
        var response = (ServerCallStreamObserver<UploadDocumentResponse>) observer;
        response.disableAutoRequest();
        var call = new UploadCall(response, uploads, onFinish);
        response.setOnCancelHandler(call::cancelled);
        if (!timeout.isZero()) {
            call.deadline = timer.schedule(() -> call.timedOut(timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        response.request(1);
        return call;
    }

    @Override
    public void onNext(UploadDocumentRequest message) {
        if (phase == Phase.FINISHED) {
            return;
        }
        switch (message.getPayloadCase()) {
            case METADATA -> {
                if (phase == Phase.STREAMING) {
                    reject("/metadata", "The metadata was sent twice; only the first message may carry it.");
                } else {
                    begin(message.getMetadata());
                }
            }
            case CHUNK -> {
                if (phase == Phase.AWAITING_METADATA) {
                    reject("/metadata", "The first message must be the metadata, not a chunk.");
                } else {
                    chunk(message.getChunk());
                }
            }
            case FINISH -> {
                if (phase == Phase.AWAITING_METADATA) {
                    reject("/metadata", "The first message must be the metadata, not the finish message.");
                } else {
                    // TODO(upload integrity): verify the declared size and SHA-256 before completing
                    content.complete();
                }
            }
            default -> reject("/payload", "A message must carry the metadata, a chunk or the finish message.");
        }
    }

    /**
     * Refuses an upload at once because {@code limit} uploads are already in progress: RESOURCE_EXHAUSTED with
     * {@code TooManyRequests}, before a byte of it is read.
     */
    static StreamObserver<UploadDocumentRequest> refuse(StreamObserver<UploadDocumentResponse> observer, int limit) {
        var response = (ServerCallStreamObserver<UploadDocumentResponse>) observer;
        response.disableAutoRequest();
        DocumentException failure = DocumentError.of(ErrorCode.TOO_MANY_REQUESTS, "Too many uploads in progress "
                + "(at most " + limit + " at once); retry with backoff.").toException();
        Replies.logFailure("upload", failure);
        response.onError(ErrorMapping.toStatusException(failure));
        return new StreamObserver<>() {
            @Override
            public void onNext(UploadDocumentRequest value) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    @Override
    public void onCompleted() {
        if (phase == Phase.AWAITING_METADATA) {
            reject("/metadata", "The stream ended before its metadata.");
        } else if (phase == Phase.STREAMING) {
            content.complete();
        }
    }

    @Override
    public void onError(Throwable clientError) {
        cancelled();
    }

    private void begin(UploadMetadata metadata) {
        UploadDocumentCommand command;
        try {
            content = new GrpcChunkPublisher(response::request);
            command = command(metadata, content);
        } catch (DocumentException e) {
            reject(e.error());
            return;
        }
        phase = Phase.STREAMING;
        LOG.atInfo().addKeyValue("event", "upload.started").addKeyValue("ownerKind", command.owner().kind())
                .addKeyValue("ownerId", command.owner().value()).addKeyValue("type", command.type().wire())
                .addKeyValue("idempotencyKey", command.idempotencyKey().isPresent() ? "present" : "absent")
                .log("upload started");
        try {
            uploads.upload(command).whenComplete((document, error) -> {
                if (error == null) {
                    succeed(document);
                } else {
                    content.fail(error);
                    finish(error);
                }
            });
        } catch (RuntimeException e) {
            content.fail(e);
            finish(e);
        }
    }

    private static UploadDocumentCommand command(UploadMetadata m, GrpcChunkPublisher content) {
        DocumentOwner owner = DocumentMessages.owner(
                m.getOwnerCase() == UploadMetadata.OwnerCase.CUSTOMER_ID, m.getCustomerId(),
                m.getOwnerCase() == UploadMetadata.OwnerCase.BENEFICIAL_OWNER_ID, m.getBeneficialOwnerId());
        var type = DocumentMessages.documentType(m.getDocumentType());
        var file = new FileUpload(m.getFileName(), content);
        Optional<IdempotencyKey> key = m.getIdempotencyKey().isEmpty()
                ? Optional.empty()
                : Optional.of(new IdempotencyKey(m.getIdempotencyKey()));
        return new UploadDocumentCommand(owner, type, file, key);
    }

    private void chunk(ByteString bytes) {
        if (bytes.size() > MAX_CHUNK_BYTES) {
            reject("/chunk", "A chunk must be at most " + MAX_CHUNK_BYTES + " bytes (1 MiB); got " + bytes.size()
                    + ".");
            return;
        }
        if (bytes.isEmpty()) {
            response.request(1); // an empty chunk uses none of the provider's demand
            return;
        }
        bytesReceived += bytes.size();
        content.next(bytes.asReadOnlyByteBuffer());
    }

    private void reject(String path, String message) {
        reject(DocumentError.validation(FieldError.INVALID, path, message));
    }

    private void reject(DocumentError error) {
        phase = Phase.FINISHED;
        DocumentException failure = error.toException();
        if (content != null) {
            content.fail(failure);
        }
        finish(failure);
    }

    private void timedOut(Duration timeout) {
        phase = Phase.FINISHED;
        DocumentException failure = DocumentError.of(ErrorCode.REQUEST_TIMEOUT,
                "The upload did not complete within " + timeout.toSeconds() + " s.").toException();
        GrpcChunkPublisher c = content;
        if (c != null) {
            c.fail(failure);
        }
        finish(failure);
    }

    private void cancelled() {
        phase = Phase.FINISHED;
        if (finished.compareAndSet(false, true)) {
            stopTimer();
            onFinish.run();
            if (content != null) {
                content.fail(new CancellationException("the client cancelled the upload"));
            }
            LOG.atInfo().addKeyValue("event", "upload.cancelled").addKeyValue("bytesReceived", bytesReceived)
                    .log("upload cancelled by the client");
        }
    }

    /**
     * Ends the upload because the server is shutting down: UNAVAILABLE with {@code ServiceUnavailable}, which a
     * client retries on another server with its idempotency key. The content stream fails, so nothing is stored
     * (unless the provider had already committed: the retry then gets that document). No-op once answered.
     */
    void shutdown() {
        phase = Phase.FINISHED;
        DocumentException failure = DocumentError.of(ErrorCode.SERVICE_UNAVAILABLE, "The server is shutting down; "
                + "retry the upload on another server (with the same idempotency key).").toException();
        if (finished.compareAndSet(false, true)) { // before failing the content, whose failure would answer
            stopTimer();
            onFinish.run();
            LOG.atInfo().addKeyValue("event", "upload.shutdown").addKeyValue("bytesReceived", bytesReceived)
                    .log("upload ended by the server's shutdown");
            response.onError(ErrorMapping.toStatusException(failure));
        }
        GrpcChunkPublisher c = content;
        if (c != null) {
            c.fail(failure);
        }
    }

    private void succeed(io.docverify.domain.Document document) {
        if (finished.compareAndSet(false, true)) {
            stopTimer();
            onFinish.run();
            LOG.atInfo().addKeyValue("event", "upload.created").addKeyValue("documentId", document.id().value())
                    .addKeyValue("bytesReceived", bytesReceived).log("document created");
            response.onNext(UploadDocumentResponse.newBuilder()
                    .setDocument(DocumentMessages.toProto(document)).build());
            response.onCompleted();
        }
    }

    private void finish(Throwable error) {
        if (finished.compareAndSet(false, true)) {
            stopTimer();
            onFinish.run();
            Replies.logFailure("upload", error);
            response.onError(ErrorMapping.toStatusException(error));
        }
    }

    private void stopTimer() {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
        }
    }
}
