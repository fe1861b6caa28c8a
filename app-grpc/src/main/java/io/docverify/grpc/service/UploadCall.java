package io.docverify.grpc.service;

import com.google.protobuf.ByteString;
import io.docverify.domain.DocumentOwner;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
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
import java.util.Optional;
import java.util.concurrent.CancellationException;
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
 * <p>Its {@link UploadGuard} sees every request, message and end: the call takes an upload slot only once its
 * metadata is valid, and is ended by the guard's time limits, minimum rate and message bound.
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
    private volatile UploadGuard guard;
    private volatile Phase phase = Phase.AWAITING_METADATA;
    private volatile GrpcChunkPublisher content;
    private volatile long bytesReceived;

    private UploadCall(ServerCallStreamObserver<UploadDocumentResponse> response, UploadDocumentUseCase uploads) {
        this.response = response;
        this.uploads = uploads;
    }

    /**
     * Starts a call for {@code caller} (the API key's name); must run inside the service method, before it
     * returns. A call that a guard ends (a time limit, the minimum rate, the message bound) or refuses (no slot)
     * fails with a typed error and stores nothing, so a stalled client cannot hold a call, its slot and its
     * idempotency key for ever.
     */
    static StreamObserver<UploadDocumentRequest> start(StreamObserver<UploadDocumentResponse> observer,
            UploadDocumentUseCase uploads, UploadGuards guards, String caller) {
        var response = (ServerCallStreamObserver<UploadDocumentResponse>) observer;
        response.disableAutoRequest();
        var call = new UploadCall(response, uploads);
        call.guard = guards.open(caller, refusal -> call.reject(refusal.error()));
        response.setOnCancelHandler(call::cancelled);
        call.request(1);
        return call;
    }

    @Override
    public void onNext(UploadDocumentRequest message) {
        if (phase == Phase.FINISHED) {
            return;
        }
        Optional<UploadRefusal> refusal = guard.received(message);
        if (refusal.isPresent()) {
            reject(refusal.get().error());
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
                    guard.inputEnded();
                    content.complete();
                }
            }
            default -> reject("/payload", "A message must carry the metadata, a chunk or the finish message.");
        }
    }

    @Override
    public void onCompleted() {
        if (phase == Phase.AWAITING_METADATA) {
            reject("/metadata", "The stream ended before its metadata.");
        } else if (phase == Phase.STREAMING) {
            guard.inputEnded();
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
            content = new GrpcChunkPublisher(this::request);
            command = command(metadata, content);
        } catch (DocumentException e) {
            reject(e.error());
            return;
        }
        Optional<UploadRefusal> refused = guard.admit();
        if (refused.isPresent()) {
            reject(refused.get().error());
            return;
        }
        if (phase == Phase.FINISHED) {
            return; // a time limit ended the call meanwhile
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
            request(1); // an empty chunk uses none of the provider's demand
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

    /** Asks gRPC for {@code n} more messages; the guard's clocks run while they are awaited. */
    private void request(int n) {
        guard.requested(n);
        response.request(n);
    }

    private void cancelled() {
        phase = Phase.FINISHED;
        if (finished.compareAndSet(false, true)) {
            guard.close();
            if (content != null) {
                content.fail(new CancellationException("the client cancelled the upload"));
            }
            LOG.atInfo().addKeyValue("event", "upload.cancelled").addKeyValue("bytesReceived", bytesReceived)
                    .log("upload cancelled by the client");
        }
    }

    private void succeed(io.docverify.domain.Document document) {
        if (finished.compareAndSet(false, true)) {
            guard.close();
            LOG.atInfo().addKeyValue("event", "upload.created").addKeyValue("documentId", document.id().value())
                    .addKeyValue("bytesReceived", bytesReceived).log("document created");
            response.onNext(UploadDocumentResponse.newBuilder()
                    .setDocument(DocumentMessages.toProto(document)).build());
            response.onCompleted();
        }
    }

    private void finish(Throwable error) {
        if (finished.compareAndSet(false, true)) {
            guard.close();
            Replies.logFailure("upload", error);
            response.onError(ErrorMapping.toStatusException(error));
        }
    }
}
