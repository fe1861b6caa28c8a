package io.docverify.dwollaserver;

import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.stream.Completions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    /** How long a token request's form may be. */
    static final int MAX_TOKEN_FORM_BYTES = 8 * 1024;

    void token(RoutingContext ctx) {
        Exchange ex = ctx.get(EXCHANGE);
        var form = new java.io.ByteArrayOutputStream();
        ex.request.handler(chunk -> {
            if (ex.finished()) {
                return;
            }
            if (form.size() + chunk.length() > MAX_TOKEN_FORM_BYTES) {
                ex.respond(413, DwollaJson.JSON, DwollaJson.oauthError("invalid_request"),
                        Map.of("Connection", "close"));
                return;
            }
            form.writeBytes(chunk.getBytes());
        });
        ex.request.endHandler(end -> {
            if (!ex.finished()) {
                token(ex, form.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        ex.continueIfExpected();
    }

    private void token(Exchange ex, String body) {
        ex.checkRequest(Optional.of(body));
        String authorization = ex.request.getHeader("Authorization");
        boolean accepted = authorization != null ? tokens.acceptsBasic(authorization)
                : tokens.acceptsForm(formField(body, "client_id"), formField(body, "client_secret"));
        if (!accepted) {
            ex.respond(401, DwollaJson.JSON, DwollaJson.oauthError("invalid_client"), Map.of());
            return;
        }
        String grant = formField(body, "grant_type");
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

    /** A field of an {@code application/x-www-form-urlencoded} body; {@code null} when absent or undecodable. */
    static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (java.net.URLDecoder.decode(key, java.nio.charset.StandardCharsets.UTF_8).equals(name)) {
                    return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                            java.nio.charset.StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ GET routes

    void list(RoutingContext ctx, Function<String, OwnerId> ownerOf) {
        Exchange ex = ctx.get(EXCHANGE);
        if (!admitted(ex)) {
            return;
        }
        OwnerId owner;
        try {
            owner = ownerOf.apply(SandboxIds.canonical(ctx.pathParam("id")));
        } catch (DocumentException malformed) {
            ex.error(json, resourceNotFound());
            return;
        }
        answer(ex, backend.list(owner).handle(Handlers::asResourceNotFound).thenCompose(s -> s),
                (exchange, documents) -> exchange.respond(200, DwollaJson.HAL_JSON,
                        json.list(ex.request.path(), documents.documents(), documents.total()), Map.of()));
    }

    void get(RoutingContext ctx) {
        Exchange ex = ctx.get(EXCHANGE);
        if (!admitted(ex)) {
            return;
        }
        DocumentId id;
        try {
            id = new DocumentId(SandboxIds.canonical(ctx.pathParam("id")));
        } catch (DocumentException malformed) {
            ex.error(json, resourceNotFound());
            return;
        }
        answer(ex, backend.get(id).handle(Handlers::asResourceNotFound).thenCompose(s -> s), (exchange, document) ->
                exchange.respond(200, DwollaJson.HAL_JSON, json.document(document), Map.of()));
    }

    // ------------------------------------------------------------------ POST .../documents

    void create(RoutingContext ctx, Function<String, OwnerId> ownerOf) {
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
        OwnerId owner;
        try {
            owner = ownerOf.apply(SandboxIds.canonical(ctx.pathParam("id")));
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
        new MultipartUpload(ex, owner, key, config, backend, json).start(contentType);
    }

    // ------------------------------------------------------------------ shared checks

    /** Bearer token and Accept header; answers the refusal itself and returns false when refused. */
    boolean admitted(Exchange ex) {
        Optional<DocumentError> refusal = authorization(ex).or(() -> acceptHeader(ex));
        refusal.ifPresent(error -> ex.error(json, error));
        return refusal.isEmpty();
    }

    Optional<DocumentError> authorization(Exchange ex) {
        return switch (tokens.judge(ex.request.getHeader("Authorization"))) {
            case MISSING -> Optional.of(DocumentError.of(ErrorCode.INVALID_CREDENTIALS,
                    "Missing or invalid Authorization header."));
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

    static DocumentError badRequest(String detail) {
        return DocumentError.of(ErrorCode.BAD_REQUEST, "The request body contains bad syntax or is incomplete. " + detail);
    }

    static DocumentError fileTooLarge() {
        return DocumentError.of(ErrorCode.FILE_TOO_LARGE, "Document requests are limited to 10 MiB.");
    }

    /**
     * Dwolla's generic 404 (its errors page): {@code NotFound} "The requested resource was not found.", for unknown
     * documents, lists and paths. Only the uploads keep their pages' {@code notFound} "Customer not found. ...".
     */
    static DocumentError resourceNotFound() {
        return new DocumentError(ErrorCode.NOT_FOUND, "NotFound", "The requested resource was not found.", List.of(),
                Optional.empty());
    }

    /** A backend's {@code notFound} as Dwolla's generic 404; any other outcome unchanged. */
    private static <T> CompletionStage<T> asResourceNotFound(T value, Throwable failure) {
        if (failure == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(value);
        }
        Throwable cause = Completions.unwrap(failure);
        if (cause instanceof DocumentException refused && refused.error().code() == ErrorCode.NOT_FOUND) {
            return java.util.concurrent.CompletableFuture.failedFuture(new DocumentException(resourceNotFound()));
        }
        return java.util.concurrent.CompletableFuture.failedFuture(cause);
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
        Throwable cause = Completions.unwrap(failure);
        if (cause instanceof DocumentException refused) {
            return refused.error();
        }
        return DocumentError.of(ErrorCode.SERVER_ERROR,
                "A server error occurred. Error ID: " + java.util.UUID.randomUUID());
    }

    static void onContext(Exchange ex, Runnable action) {
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
