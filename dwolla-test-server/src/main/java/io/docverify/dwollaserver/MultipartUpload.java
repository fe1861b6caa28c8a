package io.docverify.dwollaserver;

import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.domain.Document;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One multipart upload: streams the {@code file} part into the backend as it arrives (parsed by
 * {@link MultipartParser}, back-pressured by {@link FilePartPublisher}). Answers once both the backend has decided
 * and the request has ended, or at once, early, on a refusal.
 *
 * <p>The file's stream completes only when the whole request has ended well: its part's delimiter, the closing
 * boundary, and the end of the HTTP body (its {@code Content-Length} reached, or the last chunk). A body cut short,
 * a chunked body without its last chunk, or a connection closed before the closing boundary fails the stream
 * instead, so the backend creates nothing and frees the Idempotency-Key.
 */
final class MultipartUpload implements MultipartParser.Listener {
    private final Exchange ex;
    private final OwnerId owner;
    private final Optional<IdempotencyKey> key;
    private final DwollaServerConfig config;
    private final InMemoryDwolla backend;
    private final DwollaJson json;
    private final Map<String, String> fields = new HashMap<>();
    private MultipartParser parser;
    /** The file part arrived (the first one named {@code file}; others are dropped). */
    private boolean fileSeen;
    /** Data of the current part goes nowhere (a second file, or a file part under another name). */
    private boolean dropping;
    /** The file streams into the backend through it. */
    private FilePartPublisher streamed;
    /** The file is kept until the request ends ({@code documentType} came after it). */
    private ByteArrayBuffer buffered;
    private String bufferedName;
    private boolean bufferedComplete;
    /** The streamed file's part ended at its delimiter; the stream completes only once the request has ended. */
    private boolean streamedComplete;
    private boolean requestEnded;
    private Document created;
    private boolean answered;

    MultipartUpload(Exchange ex, OwnerId owner, Optional<IdempotencyKey> key, DwollaServerConfig config,
            InMemoryDwolla backend, DwollaJson json) {
        this.ex = ex;
        this.owner = owner;
        this.key = key;
        this.config = config;
        this.backend = backend;
        this.json = json;
    }

    void start(String contentType) {
        Optional<MultipartParser> found = MultipartParser.forContentType(contentType, this);
        if (found.isEmpty()) {
            ex.refuse(json, Handlers.badRequest("The multipart Content-Type names no boundary."));
            return;
        }
        parser = found.get();
        HttpServerRequest request = ex.request;
        ex.continueIfExpected();
        request.handler(chunk -> {
            if (ex.finished()) {
                return;
            }
            if (request.bytesRead() > config.maxRequestBytes()) {
                fail(Handlers.fileTooLarge());
                return;
            }
            parser.feed(chunk.getBytes());
        });
        request.endHandler(end -> {
            requestEnded = true;
            parser.end(); // a body without its closing boundary is malformed: the stream fails
            if (streamed != null && streamedComplete && !ex.finished()) {
                streamed.complete();
            }
            decide();
        });
        request.exceptionHandler(error -> {
            if (streamed != null) {
                streamed.fail(error);
            }
        }); // the response's close handler records the lost request
        ex.onClosed(() -> {
            if (streamed != null && !requestEnded) {
                streamed.fail(new java.io.IOException("the connection closed before the request ended"));
            }
        });
    }

    @Override
    public void field(String name, String value) {
        fields.putIfAbsent(name, value);
    }

    @Override
    public void fileStarted(String name, String fileName) {
        if (fileSeen || !"file".equals(name)) {
            dropping = true;
            return;
        }
        fileSeen = true;
        String type = fields.get("documentType");
        if (type == null) {
            buffered = new ByteArrayBuffer();
            bufferedName = fileName;
            return;
        }
        DocumentSubmission command;
        try {
            streamed = new FilePartPublisher(ex.context, ex.request);
            command = new DocumentSubmission(owner, DocumentType.fromWire(type),
                    new FileUpload(fileName, streamed), key);
        } catch (DocumentException refused) {
            streamed = null;
            dropping = true;
            fail(refused.error());
            return;
        }
        run(command);
    }

    @Override
    public void fileData(java.nio.ByteBuffer data) {
        if (dropping) {
            return;
        }
        if (streamed != null) {
            streamed.push(data);
        } else if (buffered != null) {
            if (buffered.size() + (long) data.remaining() > config.maxFileBytes()) {
                buffered = null;
                fail(Handlers.fileTooLarge());
                return;
            }
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            buffered.write(copy, 0, copy.length);
        }
    }

    @Override
    public void fileEnded() {
        if (dropping) {
            dropping = false;
            return;
        }
        if (streamed != null) {
            streamedComplete = true; // not complete before the closing boundary and the end of the request
        } else if (buffered != null) {
            bufferedComplete = true;
        }
    }

    @Override
    public void completed() {
        // decide() runs when the request ends
    }

    @Override
    public void malformed(String reason) {
        fail(Handlers.badRequest(reason));
    }

    private void fail(DocumentError error) {
        if (streamed != null) {
            streamed.fail(error.toException());
        }
        ex.refuse(json, error);
    }

    /** Runs whenever something arrives: answers when everything needed is there. */
    private void decide() {
        if (ex.finished() || !requestEnded) {
            return;
        }
        if (created != null) {
            answerCreated();
            return;
        }
        if (streamed != null) {
            return; // the backend answers once it has read the file
        }
        String type = fields.get("documentType");
        List<FieldError> missing = new ArrayList<>();
        if (type == null || type.isEmpty()) {
            missing.add(new FieldError(FieldError.REQUIRED, "DocumentType required.", "/documentType"));
        }
        if (!fileSeen) {
            missing.add(new FieldError(FieldError.REQUIRED, "File required.", "/file"));
        }
        if (!missing.isEmpty()) {
            ex.error(json, new DocumentError(ErrorCode.VALIDATION_ERROR, ErrorCode.VALIDATION_ERROR.wire(),
                    "Validation error(s) present. See embedded errors list for more details.", missing,
                    Optional.empty()));
            return;
        }
        if (buffered == null || !bufferedComplete) {
            return;
        }
        try {
            byte[] bytes = buffered.toByteArray();
            buffered = null;
            run(new DocumentSubmission(owner, DocumentType.fromWire(type),
                    FileUpload.ofBytes(bufferedName, bytes), key));
        } catch (DocumentException refused) {
            ex.error(json, refused.error());
        }
    }

    private void run(DocumentSubmission command) {
        CompletionStage<Document> stage;
        try {
            stage = backend.create(command);
        } catch (DocumentException refused) {
            fail(refused.error());
            return;
        }
        stage.whenComplete((document, failure) -> Handlers.onContext(ex, () -> {
            if (failure != null) {
                fail(Handlers.errorOf(failure));
                return;
            }
            created = document;
            decide();
        }));
    }

    private void answerCreated() {
        if (answered) {
            return; // decide() runs again from the end handler once the backend answered inside it
        }
        answered = true;
        ex.respond(201, null, "", Map.of("Location", json.documentUrl(created.id())));
    }

    /** A growable byte array that says how much it holds. */
    private static final class ByteArrayBuffer extends java.io.ByteArrayOutputStream {
    }
}
