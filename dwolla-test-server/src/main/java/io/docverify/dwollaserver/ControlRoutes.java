package io.docverify.dwollaserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docverify.domain.DocumentId;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The control API over HTTP, under {@link #PREFIX}: JSON in and out ({@code application/json}), no Dwolla token,
 * bodies at most {@link #MAX_BODY_BYTES}. Errors are {@code {"code","message"}} with Dwolla's codes: 400
 * {@code ValidationError}, 404 {@code notFound}, 409 {@code invalidResourceState} (already reviewed), 413 for a
 * longer body. Path ids are UUIDs in any case, as in Dwolla's API ({@link SandboxIds}). Also serves the reviewer's
 * page ({@link ReviewerPage}) at {@code GET /_sandbox/}. Control requests are not journaled and not checked against
 * Dwolla's OpenAPI description (they are not Dwolla's).
 */
public final class ControlRoutes {
    /** Where the control API and the reviewer page live. */
    public static final String PREFIX = "/_sandbox";
    /** The largest control request body. */
    public static final long MAX_BODY_BYTES = 64 * 1024;
    /** How many journal entries {@code GET /_sandbox/journal} returns at most. */
    public static final int MAX_JOURNAL = 1_000;

    private static final String JSON = "application/json";

    private final SandboxControl control;
    private final ReviewerPage page;

    /** Routes for {@code control}; {@code page} renders the reviewer page. */
    public ControlRoutes(SandboxControl control, ReviewerPage page) {
        this.control = control;
        this.page = page;
    }

    /** Mounts every control route on {@code router} (before its catch-all routes). */
    public void mount(Router router) {
        router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.get(PREFIX + "/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(page.render()));
        router.get(PREFIX).handler(ctx -> ctx.redirect(PREFIX + "/")); // after: it would also match /_sandbox/
        router.get(PREFIX + "/owners").handler(ctx -> ok(ctx, ControlJson.owners(control.owners())));
        router.post(PREFIX + "/documents/:id/review").handler(ctx -> json(ctx, body -> control
                .review(new DocumentId(SandboxIds.canonical(ctx.pathParam("id"))), ControlJson.decision(body))
                .thenApply(ControlJson::document)));
        router.post(PREFIX + "/:kind/:id/status").handler(ctx -> json(ctx, body -> control
                .moveOwner(SandboxControl.ownerId(ctx.pathParam("kind"),
                        SandboxIds.canonical(ctx.pathParam("id"))), ControlJson.text(body, "status"))
                .thenApply(ControlJson::owner)));
        router.get(PREFIX + "/faults").handler(ctx -> ok(ctx, faults()));
        router.post(PREFIX + "/faults").handler(ctx -> json(ctx, body -> {
            Route route = ControlJson.route(body);
            control.queueFault(route, ControlJson.fault(body), ControlJson.times(body));
            return java.util.concurrent.CompletableFuture.completedFuture(faults());
        }));
        router.delete(PREFIX + "/faults").handler(ctx -> {
            control.clearFaults();
            ctx.response().setStatusCode(204).end();
        });
        router.get(PREFIX + "/webhook-faults").handler(ctx -> ok(ctx, webhookFaults()));
        router.post(PREFIX + "/webhook-faults").handler(ctx -> json(ctx, body -> {
            var queue = ControlJson.webhookFault(body);
            int times = ControlJson.times(body);
            for (int i = 0; i < times; i++) {
                queue.accept(control.webhookFaults());
            }
            return java.util.concurrent.CompletableFuture.completedFuture(webhookFaults());
        }));
        router.delete(PREFIX + "/webhook-faults").handler(ctx -> {
            control.webhookFaults().clear();
            ctx.response().setStatusCode(204).end();
        });
        router.get(PREFIX + "/clock").handler(ctx -> ok(ctx, clock()));
        router.post(PREFIX + "/clock/advance").handler(ctx -> json(ctx, body -> {
            control.advanceClock(ControlJson.duration(body, "by"));
            return java.util.concurrent.CompletableFuture.completedFuture(clock());
        }));
        router.get(PREFIX + "/journal").handler(ctx -> {
            int limit;
            try {
                limit = Math.min(MAX_JOURNAL, Integer.parseInt(ctx.request().getParam("limit", "100")));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0) {
                fail(ctx, ControlJson.bad("/limit", "limit is a whole number from 0 to 1000."));
                return;
            }
            ok(ctx, ControlJson.journal(control.journal(limit)));
        });
        router.get(PREFIX + "/openapi-violations").handler(ctx -> {
            ObjectNode root = ControlJson.MAPPER.createObjectNode();
            control.openApiViolations().forEach(root.putArray("violations")::add);
            ok(ctx, root);
        });
        router.post(PREFIX + "/reset").handler(ctx -> {
            control.reset();
            ctx.response().setStatusCode(204).end();
        });
        router.route(PREFIX + "/*").handler(ctx -> fail(ctx, DocumentError.of(ErrorCode.NOT_FOUND,
                "No such control endpoint: see the README's table.").toException()));
        router.route(PREFIX + "/*").failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                send(ctx, 413, error("BadRequest", "The body is longer than " + MAX_BODY_BYTES + " bytes."));
            } else if (ctx.failure() != null) {
                fail(ctx, ctx.failure());
            } else {
                send(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, error("ServerError", "Failed."));
            }
        });
    }

    private ObjectNode faults() {
        ObjectNode root = ControlJson.MAPPER.createObjectNode();
        ObjectNode queued = root.putObject("queued");
        control.queuedFaults().forEach((route, n) -> queued.put(route.name(), n));
        return root;
    }

    private ObjectNode webhookFaults() {
        return ControlJson.MAPPER.createObjectNode().put("pending", control.webhookFaults().pending());
    }

    private ObjectNode clock() {
        return ControlJson.MAPPER.createObjectNode()
                .put("now", control.clock().instant().toString())
                .put("offset", control.clock().offset().toString());
    }

    private static void json(RoutingContext ctx, Function<JsonNode, CompletionStage<? extends JsonNode>> handler) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith(JSON)) {
            send(ctx, 415, error("UnsupportedRequestContentType", "Send the body as application/json."));
            return;
        }
        CompletionStage<? extends JsonNode> result;
        try {
            result = handler.apply(ControlJson.parse(ctx.body().asString()));
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        Consumer<Runnable> onLoop = task -> ctx.vertx().runOnContext(v -> task.run());
        result.whenComplete((node, error) -> onLoop.accept(() -> {
            if (error != null) {
                fail(ctx, error);
            } else {
                ok(ctx, node);
            }
        }));
    }

    private static void ok(RoutingContext ctx, JsonNode node) {
        send(ctx, 200, node);
    }

    private static void fail(RoutingContext ctx, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof DocumentException refused) {
            DocumentError e = refused.error();
            int status = switch (e.code()) {
                case NOT_FOUND -> 404;
                case INVALID_RESOURCE_STATE, CONFLICT -> 409;
                default -> 400;
            };
            ObjectNode body;
            if (e.fieldErrors().isEmpty()) {
                body = error(e.wireCode(), e.message());
            } else {
                // The control API's errors embed nothing: the field's own message, not Dwolla's "See embedded
                // errors list", and its path.
                body = error(e.wireCode(), e.fieldErrors().get(0).message()).put("path", e.fieldErrors().get(0).path());
            }
            send(ctx, status, body);
        } else {
            send(ctx, 500, error("ServerError", "The control request failed: " + cause.getClass().getSimpleName()));
        }
    }

    private static ObjectNode error(String code, String message) {
        return ControlJson.MAPPER.createObjectNode().put("code", code).put("message", message);
    }

    private static void send(RoutingContext ctx, int status, JsonNode body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).putHeader("Cache-Control", "no-store")
                .end(ControlJson.write(body));
    }

}
