package io.docverify.grpc.service;

import com.google.protobuf.ByteString;
import io.docverify.domain.Document;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.docverify.grpc.error.ErrorMapping;
import io.docverify.grpc.security.Caller;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadFinish;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.ports.file.DeclaredDigest;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.in.UploadDocumentUseCase;
import io.docverify.ports.stream.Completions;
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
 * <p>Completion is explicit: the content stream completes (and the provider may commit a document) only once the
 * client has sent its {@code finish} message, the bytes received match it ({@link UploadTally}: size, and SHA-256
 * when given), and the client has then ended the stream. A half-close is not a promise that the file is whole: a
 * stream that half-closes without {@code finish}, or is cancelled, reset or out of time before it, fails the
 * content stream, so the provider stores nothing and frees the idempotency key.
 *
 * <p>Refused at once, without reading further: a chunk before the metadata, a second metadata message, a stream
 * that ends before its metadata, bad metadata (a declared size over 10 MiB among it), a chunk over
 * {@link #MAX_CHUNK_BYTES} or past the declared size, any message after {@code finish}, a {@code finish} that
 * does not match, and (through the provider's content inspection) a file past 10 MiB or of a refused kind.
 *
 * <p>Its {@link UploadGuard} sees every request, message and end: the call takes an upload slot only once its
 * metadata is valid, and is ended by the guard's time limits (first message, idle, whole upload), minimum rate
 * and message bound.
 *
 * <p>The gRPC callbacks are serialized by gRPC; {@link #finished} makes sure exactly one answer is sent, from
 * whichever thread decides first.
 */
final class UploadCall implements StreamObserver<UploadDocumentRequest> {
    /** Largest chunk accepted: 1 MiB. */
    static final int MAX_CHUNK_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(UploadCall.class);

    private enum Phase {
        /** Nothing read yet. */
        AWAITING_METADATA,
        /** The metadata was read; chunks pass to the provider. */
        STREAMING,
        /** {@code finish} was read and matched; only the end of the stream may follow. */
        FINISHED,
        /** The stream ended after {@code finish}: the content is complete and the provider may commit. */
        COMPLETE,
        /** Refused, cancelled or timed out: nothing more is read, the content failed, nothing is stored. */
        ENDED
    }

    private final ServerCallStreamObserver<UploadDocumentResponse> response;
    private final UploadDocumentUseCase uploads;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final String caller = Caller.current(); // taken on the call's thread: answers may come from another
    private volatile UploadGuard guard;
    private volatile Phase phase = Phase.AWAITING_METADATA;
    private volatile GrpcChunkPublisher content;
    private volatile UploadTally tally;

    private final Runnable onFinish;

    private UploadCall(ServerCallStreamObserver<UploadDocumentResponse> response, UploadDocumentUseCase uploads,
            Runnable onFinish) {
        this.response = response;
        this.uploads = uploads;
        this.onFinish = onFinish;
    }

    /**
     * Starts a call for {@code caller} (the API key's name); must run inside the service method, before it
     * returns. A call that a guard ends (a time limit, the minimum rate, the message bound) or refuses (no slot)
     * fails with a typed error and stores nothing, so a stalled client cannot hold a call, its slot and its
     * idempotency key for ever. {@code onFinish} runs once, when the call has been answered or cancelled.
     */
    static StreamObserver<UploadDocumentRequest> start(StreamObserver<UploadDocumentResponse> observer,
            UploadDocumentUseCase uploads, UploadGuards guards, String caller, Runnable onFinish) {
        var response = (ServerCallStreamObserver<UploadDocumentResponse>) observer;
        response.disableAutoRequest();
        var call = new UploadCall(response, uploads, onFinish);
        call.guard = guards.open(caller, call::cut);
        response.setOnCancelHandler(call::cancelled);
        call.request(1);
        return call;
    }

    @Override
    public void onNext(UploadDocumentRequest message) {
        Phase now = phase;
        if (now == Phase.ENDED || now == Phase.COMPLETE) {
            return;
        }
        Optional<UploadRefusal> refusal = guard.received(message);
        if (refusal.isPresent()) {
            reject(refusal.get().error());
            return;
        }
        if (now == Phase.FINISHED) {
            afterFinish(message);
            return;
        }
        switch (message.getPayloadCase()) {
            case METADATA -> {
                if (now == Phase.STREAMING) {
                    reject("/metadata", "The metadata was sent twice; only the first message may carry it.");
                } else {
                    begin(message.getMetadata());
                }
            }
            case CHUNK -> {
                if (now == Phase.AWAITING_METADATA) {
                    reject("/metadata", "The first message must be the metadata, not a chunk.");
                } else {
                    chunk(message.getChunk());
                }
            }
            case FINISH -> {
                if (now == Phase.AWAITING_METADATA) {
                    reject("/metadata", "The first message must be the metadata, not the finish message.");
                } else {
                    finishMessage(message.getFinish());
                }
            }
            default -> reject("/payload", "A message must carry the metadata, a chunk or the finish message.");
        }
    }

    @Override
    public void onCompleted() {
        switch (phase) {
            case AWAITING_METADATA -> reject("/metadata", "The stream ended before its metadata.");
            case STREAMING -> reject("/finish", "The stream ended without its finish message; nothing was stored.");
            case FINISHED -> {
                phase = Phase.COMPLETE;
                guard.inputEnded();
                content.complete(); // the only place a content stream completes
            }
            default -> {
            }
        }
    }

    @Override
    public void onError(Throwable clientError) {
        cancelled();
    }

    private void begin(UploadMetadata metadata) {
        UploadDocumentCommand command;
        try {
            tally = UploadTally.declared(metadata.getSizeBytes());
            content = new GrpcChunkPublisher(this::request);
            command = command(metadata, content, tally.digest());
        } catch (DocumentException e) {
            reject(e.error());
            return;
        }
        Optional<UploadRefusal> refused = guard.admit();
        if (refused.isPresent()) {
            reject(refused.get().error());
            return;
        }
        if (phase == Phase.ENDED) {
            return; // a time limit ended the call meanwhile
        }
        phase = Phase.STREAMING;
        LOG.atInfo().addKeyValue("event", "upload.started").addKeyValue("caller", caller)
                .addKeyValue("ownerKind", command.owner().kind())
                .addKeyValue("ownerId", command.owner().value()).addKeyValue("type", command.type().wire())
                .addKeyValue("idempotencyKey", command.idempotencyKey().isPresent() ? "present" : "absent")
                .addKeyValue("declaredBytes", metadata.getSizeBytes()).log("upload started");
        try {
            uploads.upload(command, caller).whenComplete((document, error) -> {
                if (error == null) {
                    succeed(document);
                } else {
                    content.fail(error);
                    answerWithError(error);
                }
            });
        } catch (RuntimeException e) {
            content.fail(e);
            answerWithError(e);
        }
    }

    private static UploadDocumentCommand command(UploadMetadata m, GrpcChunkPublisher content,
            DeclaredDigest digest) {
        OwnerId owner = DocumentMessages.owner(m);
        var type = DocumentMessages.documentType(m.getDocumentType());
        var file = new FileUpload(m.getFileName(), content, digest);
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
        Optional<DocumentError> pastDeclared = tally.add(bytes);
        if (pastDeclared.isPresent()) {
            reject(pastDeclared.get());
            return;
        }
        content.next(bytes.asReadOnlyByteBuffer());
    }

    /**
     * The client says the file is complete. If the bytes match, the call waits for the end of the stream (and
     * asks gRPC for one more message, so that anything sent after {@code finish} is seen and refused); otherwise
     * it is refused and nothing is stored.
     */
    private void finishMessage(UploadFinish finish) {
        Optional<DocumentError> mismatch = tally.verify(finish);
        if (mismatch.isPresent()) {
            reject(mismatch.get());
            return;
        }
        phase = Phase.FINISHED;
        request(1); // the idle limit runs on until the end of the stream
    }

    private void afterFinish(UploadDocumentRequest message) {
        String path = switch (message.getPayloadCase()) {
            case METADATA -> "/metadata";
            case CHUNK -> "/chunk";
            case FINISH -> "/finish";
            default -> "/payload";
        };
        reject(path, "Nothing may follow the finish message but the end of the stream; nothing was stored.");
    }

    private void reject(String path, String message) {
        reject(DocumentError.validation(FieldError.INVALID, path, message));
    }

    private void reject(DocumentError error) {
        phase = Phase.ENDED;
        DocumentException failure = error.toException();
        if (content != null) {
            content.fail(failure);
        }
        answerWithError(failure);
    }

    /** Asks gRPC for {@code n} more messages; the guard's clocks run while they are awaited. */
    private void request(int n) {
        guard.requested(n);
        response.request(n);
    }

    /** The call is over (answered or cancelled): its guard lets go of its slot and clocks, then {@code onFinish}. */
    private void ended() {
        guard.close();
        onFinish.run();
    }

    /** A guard's time limit ended the call (on the timer's thread). */
    private void cut(UploadRefusal refusal) {
        DocumentException failure = refusal.error().toException();
        GrpcChunkPublisher c = content;
        if (c != null) {
            c.fail(failure);
        }
        answerWithError(failure);
        phase = Phase.ENDED;
    }

    /** The client cancelled or reset the stream, or its deadline passed (gRPC cancels the call then). */
    private void cancelled() {
        Phase before = phase;
        phase = Phase.ENDED;
        if (finished.compareAndSet(false, true)) {
            ended();
            GrpcChunkPublisher c = content;
            if (c != null) {
                c.fail(new CancellationException("the client cancelled the upload"));
            }
            if (before == Phase.COMPLETE) {
                LOG.atInfo().addKeyValue("event", "upload.cancelled").addKeyValue("caller", caller)
                        .addKeyValue("bytesReceived", bytesReceived())
                        .addKeyValue("stored", "maybe").log("upload cancelled by the client after its finish "
                                + "message; the document may have been created (a retry with its idempotency key "
                                + "gets it)");
            } else {
                LOG.atInfo().addKeyValue("event", "upload.cancelled").addKeyValue("caller", caller)
                        .addKeyValue("bytesReceived", bytesReceived())
                        .addKeyValue("stored", "nothing").log("upload cancelled by the client (cancel, reset or "
                                + "deadline) before its finish message and the end of its stream; nothing was "
                                + "stored");
            }
        }
    }

    /**
     * Ends the upload because the server is shutting down: UNAVAILABLE with {@code ServiceUnavailable}, which a
     * client retries on another server with its idempotency key. The content stream fails, so nothing is stored
     * (unless the finish message had come and the provider committed already: the retry then gets that
     * document). No-op once answered.
     */
    void shutdown() {
        Phase before = phase;
        phase = Phase.ENDED;
        DocumentException failure = DocumentError.of(ErrorCode.SERVICE_UNAVAILABLE, "The server is shutting down; "
                + "retry the upload on another server (with the same idempotency key).").toException();
        if (finished.compareAndSet(false, true)) { // before failing the content, whose failure would answer
            ended();
            LOG.atInfo().addKeyValue("event", "upload.shutdown").addKeyValue("bytesReceived", bytesReceived())
                    .addKeyValue("stored", before == Phase.COMPLETE ? "maybe" : "nothing")
                    .log("upload ended by the server's shutdown");
            response.onError(ErrorMapping.toStatusException(failure));
        }
        GrpcChunkPublisher c = content;
        if (c != null) {
            c.fail(failure);
        }
    }

    private long bytesReceived() {
        UploadTally t = tally;
        return t == null ? 0 : t.bytes();
    }

    private void succeed(Document document) {
        if (finished.compareAndSet(false, true)) {
            ended();
            LOG.atInfo().addKeyValue("event", "upload.created").addKeyValue("caller", caller)
                    .addKeyValue("documentId", document.id().value())
                    .addKeyValue("bytesReceived", bytesReceived()).log("document created");
            response.onNext(UploadDocumentResponse.newBuilder()
                    .setDocument(DocumentMessages.toProto(document)).build());
            response.onCompleted();
        }
    }

    /** Answers with {@code error}, unless the call was answered already. */
    private void answerWithError(Throwable error) {
        if (finished.compareAndSet(false, true)) {
            ended();
            logFailure(error);
            response.onError(ErrorMapping.toStatusException(error));
        }
    }

    /**
     * A refusal is one line with its code. Nothing was stored, except perhaps when the time limit struck after
     * the stream was complete (the provider may be committing then): the line says which.
     */
    private void logFailure(Throwable error) {
        Throwable cause = Completions.unwrap(error);
        if (!(cause instanceof DocumentException refusal) || ErrorMapping.isUnexpected(cause)) {
            Replies.logFailure("upload", caller, error);
            return;
        }
        boolean maybeStored = phase == Phase.COMPLETE && refusal.error().code() == ErrorCode.REQUEST_TIMEOUT;
        LOG.atInfo().addKeyValue("event", "upload.refused").addKeyValue("caller", caller)
                .addKeyValue("code", refusal.error().wireCode())
                .addKeyValue("rule", refusal.error().rule().orElse("unknown"))
                .addKeyValue("bytesReceived", bytesReceived()).addKeyValue("stored", maybeStored ? "maybe" : "nothing")
                .log(maybeStored ? "upload refused after its stream was complete; the document may have been created"
                        : "upload refused; nothing was stored");
    }
}
