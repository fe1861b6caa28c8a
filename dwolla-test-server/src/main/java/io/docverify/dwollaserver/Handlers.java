package io.docverify.dwollaserver;

import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentOwner;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.docverify.ports.in.DocumentList;
import io.docverify.ports.in.FileUpload;
import io.docverify.ports.in.UploadDocumentCommand;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** The route handlers: token, the two uploads, the two lists and the document read. */
final class Handlers {
    static final String EXCHANGE = "docverify.exchange";

    private final DwollaServerConfig config;
    private final InMemoryDwolla backend;
    private final TokenStore tokens;
    private final DwollaJson json;

    Handlers(DwollaServerConfig config, InMemoryDwolla backend, TokenStore tokens, DwollaJson json) {
        this.config = config;
        this.backend = backend;
        this.tokens = tokens;
        this.json = json;
    }

    // ------------------------------------------------------------------ POST /token

    void token(RoutingContext ctx) {
        Exchange ex = ctx.get(EXCHANGE);
        String body = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
        ex.checkRequest(Optional.of(body));
        if (!tokens.acceptsBasic(ex.request.getHeader("Authorization"))) {
            ex.respond(401, DwollaJson.JSON, DwollaJson.oauthError("invalid_client"), Map.of());
            return;
        }
        String grant = ex.request.getFormAttribute("grant_type");
        if (grant == null || grant.isEmpty()) {
            ex.respond(400, DwollaJson.JSON, DwollaJson.oauthError("invalid_request"), Map.of());
            return;
        }
        if (!"client_credentials".equals(grant)) {
            ex.respond(400, DwollaJson.JSON, DwollaJson.oauthError("unsupported_grant_type"), Map.of());
            return;
        }
        ex.respond(200, DwollaJson.JSON, DwollaJson.token(tokens.issue(), tokens.ttlSeconds()),
                Map.of("Cache-Control", "no-store"));
    }

    // ------------------------------------------------------------------ GET routes

    void list(RoutingContext ctx, Function<String, DocumentOwner> ownerOf) {
        Exchange ex = ctx.get(EXCHANGE);
        if (!admitted(ex)) {
            return;
        }
        DocumentOwner owner;
        try {
            owner = ownerOf.apply(ctx.pathParam("id"));
        } catch (DocumentException malformed) {
            ex.error(json, ownerNotFound(ex.route));
            return;
        }
        answer(ex, backend.list(owner), (exchange, documents) -> exchange.respond(200, DwollaJson.HAL_JSON,
                json.list(ex.request.path(), documents.documents(), documents.total()), Map.of()));
    }

    void get(RoutingContext ctx) {
        Exchange ex = ctx.get(EXCHANGE);
        if (!admitted(ex)) {
            return;
        }
        DocumentId id;
        try {
            id = new DocumentId(ctx.pathParam("id"));
        } catch (DocumentException malformed) {
            ex.error(json, DocumentError.of(ErrorCode.NOT_FOUND, "Document not found."));
            return;
        }
        answer(ex, backend.get(id), (exchange, document) ->
                exchange.respond(200, DwollaJson.HAL_JSON, json.document(document), Map.of()));
    }

    // ------------------------------------------------------------------ POST .../documents

    void create(RoutingContext ctx, Function<String, DocumentOwner> ownerOf) {
        Exchange ex = ctx.get(EXCHANGE);
        HttpServerRequest request = ex.request;
        Optional<DocumentError> refusal = authorization(ex).or(() -> acceptHeader(ex));
        if (refusal.isPresent()) {
            ex.refuse(json, refusal.get());
            return;
        }
        String contentType = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            ex.refuse(json, DocumentError.of(ErrorCode.UNSUPPORTED_REQUEST_CONTENT_TYPE,
                    "Unsupported request content type: a document is uploaded as multipart/form-data."));
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && parseLong(length) > config.maxRequestBytes()) {
            ex.refuse(json, fileTooLarge());
            return;
        }
        DocumentOwner owner;
        try {
            owner = ownerOf.apply(ctx.pathParam("id"));
        } catch (DocumentException malformed) {
            ex.refuse(json, ownerNotFound(ex.route));
            return;
        }
        Optional<IdempotencyKey> key;
        try {
            key = ex.idempotencyKey.map(IdempotencyKey::new);
        } catch (DocumentException malformed) {
            ex.refuse(json, malformed.error());
            return;
        }
        new Upload(ex, owner, key).start(contentType);
    }

    /**
     * One multipart upload: streams the {@code file} part into the backend as it arrives (parsed by
     * {@link MultipartParser}, back-pressured by {@link FilePartPublisher}). Answers once both the backend has decided
     * and the request has ended, or at once, early, on a refusal.
     */
    private final class Upload implements MultipartParser.Listener {
        private final Exchange ex;
        private final DocumentOwner owner;
        private final Optional<IdempotencyKey> key;
        private final Map<String, String> fields = new java.util.HashMap<>();
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
        private boolean requestEnded;
        private Document created;

        Upload(Exchange ex, DocumentOwner owner, Optional<IdempotencyKey> key) {
            this.ex = ex;
            this.owner = owner;
            this.key = key;
        }

        void start(String contentType) {
            Optional<MultipartParser> found = MultipartParser.forContentType(contentType, this);
            if (found.isEmpty()) {
                ex.refuse(json, badRequest("The multipart Content-Type names no boundary."));
                return;
            }
            parser = found.get();
            HttpServerRequest request = ex.request;
            request.handler(chunk -> {
                if (ex.finished()) {
                    return;
                }
                if (request.bytesRead() > config.maxRequestBytes()) {
                    fail(fileTooLarge());
                    return;
                }
                parser.feed(chunk.getBytes());
            });
            request.endHandler(end -> {
                requestEnded = true;
                parser.end();
                decide();
            });
            request.exceptionHandler(error -> {
                if (streamed != null) {
                    streamed.fail(error);
                }
            }); // the response's close handler records the lost request
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
            UploadDocumentCommand command;
            try {
                streamed = new FilePartPublisher(ex.context, ex.request);
                command = new UploadDocumentCommand(owner, DocumentType.fromWire(type),
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
        public void fileData(byte[] data) {
            if (dropping) {
                return;
            }
            if (streamed != null) {
                streamed.push(data);
            } else if (buffered != null) {
                if (buffered.size() + (long) data.length > config.maxFileBytes()) {
                    buffered = null;
                    fail(fileTooLarge());
                    return;
                }
                buffered.write(data, 0, data.length);
            }
        }

        @Override
        public void fileEnded() {
            if (dropping) {
                dropping = false;
                return;
            }
            if (streamed != null) {
                streamed.complete();
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
            fail(badRequest(reason));
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
                run(new UploadDocumentCommand(owner, DocumentType.fromWire(type),
                        FileUpload.ofBytes(bufferedName, bytes), key));
            } catch (DocumentException refused) {
                ex.error(json, refused.error());
            }
        }

        private void run(UploadDocumentCommand command) {
            CompletionStage<Document> stage;
            try {
                stage = backend.create(command);
            } catch (DocumentException refused) {
                fail(refused.error());
                return;
            }
            stage.whenComplete((document, failure) -> onContext(ex, () -> {
                if (failure != null) {
                    fail(errorOf(failure));
                    return;
                }
                created = document;
                decide();
            }));
        }

        private void answerCreated() {
            ex.respond(201, null, "", Map.of("Location", json.documentUrl(created.id())));
        }
    }

    /** A growable byte array that says how much it holds. */
    private static final class ByteArrayBuffer extends java.io.ByteArrayOutputStream {
    }

    // ------------------------------------------------------------------ shared checks

    /** Bearer token and Accept header; answers the refusal itself and returns false when refused. */
    private boolean admitted(Exchange ex) {
        Optional<DocumentError> refusal = authorization(ex).or(() -> acceptHeader(ex));
        refusal.ifPresent(error -> ex.error(json, error));
        return refusal.isEmpty();
    }

    private Optional<DocumentError> authorization(Exchange ex) {
        return switch (tokens.judge(ex.request.getHeader("Authorization"))) {
            case VALID -> Optional.empty();
            case EXPIRED -> Optional.of(DocumentError.of(ErrorCode.EXPIRED_ACCESS_TOKEN,
                    "Generate a new access token using your client credentials."));
            case UNKNOWN -> Optional.of(DocumentError.of(ErrorCode.INVALID_ACCESS_TOKEN, "Invalid access token."));
        };
    }

    private static Optional<DocumentError> acceptHeader(Exchange ex) {
        String accept = ex.request.getHeader("Accept");
        boolean hal = accept != null && accept.toLowerCase(Locale.ROOT).contains(DwollaJson.HAL_JSON);
        return hal ? Optional.empty()
                : Optional.of(new DocumentError(ErrorCode.UNKNOWN, "InvalidVersion", "Missing or invalid API version.",
                        List.of(), Optional.empty()));
    }

    private static DocumentError badRequest(String detail) {
        return DocumentError.of(ErrorCode.BAD_REQUEST, "The request body contains bad syntax or is incomplete. " + detail);
    }

    private static DocumentError fileTooLarge() {
        return DocumentError.of(ErrorCode.FILE_TOO_LARGE, "Document requests are limited to 10 MiB.");
    }

    private static DocumentError ownerNotFound(Route route) {
        return route == Route.CREATE_CUSTOMER_DOCUMENT || route == Route.LIST_CUSTOMER_DOCUMENTS
                ? DocumentError.of(ErrorCode.NOT_FOUND, "Customer not found. Check CustomerId.")
                : DocumentError.of(ErrorCode.NOT_FOUND, "Beneficial owner not found. Check BeneficialOwnerId.");
    }

    private <T> void answer(Exchange ex, CompletionStage<T> stage, BiConsumer<Exchange, T> onSuccess) {
        stage.whenComplete((value, failure) -> onContext(ex, () -> {
            if (failure != null) {
                ex.error(json, errorOf(failure));
            } else {
                onSuccess.accept(ex, value);
            }
        }));
    }

    static DocumentError errorOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof DocumentException refused) {
            return refused.error();
        }
        return DocumentError.of(ErrorCode.SERVER_ERROR,
                "A server error occurred. Error ID: " + java.util.UUID.randomUUID());
    }

    private static void onContext(Exchange ex, Runnable action) {
        if (io.vertx.core.Vertx.currentContext() == ex.context) {
            action.run();
        } else {
            ex.context.runOnContext(v -> action.run());
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
