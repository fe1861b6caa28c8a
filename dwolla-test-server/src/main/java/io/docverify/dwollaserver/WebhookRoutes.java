package io.docverify.dwollaserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The webhook routes, as Dwolla documents them: {@code POST}/{@code GET /webhook-subscriptions},
 * {@code GET}/{@code POST}/{@code DELETE /webhook-subscriptions/{id}},
 * {@code GET /webhook-subscriptions/{id}/webhooks}, {@code GET /webhooks/{id}} and
 * {@code GET}/{@code POST /webhooks/{id}/retries}.
 */
final class WebhookRoutes {
    /** How long a subscription request body may be. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final Handlers handlers;
    private final DwollaJson json;
    private final WebhookJson shapes;
    private final WebhookStore store;
    private final Consumer<String> resend;

    /** {@code resend} sends a webhook again at once (by id), for {@code POST /webhooks/{id}/retries}. */
    WebhookRoutes(Handlers handlers, DwollaJson json, WebhookJson shapes, WebhookStore store,
            Consumer<String> resend) {
        this.handlers = handlers;
        this.json = json;
        this.shapes = shapes;
        this.store = store;
        this.resend = resend;
    }

    void mount(Router router, Function<Route, Handler<RoutingContext>> arrive) {
        router.post("/webhook-subscriptions").handler(arrive.apply(Route.CREATE_WEBHOOK_SUBSCRIPTION))
                .handler(ctx -> withBody(ctx, this::create));
        router.get("/webhook-subscriptions").handler(arrive.apply(Route.LIST_WEBHOOK_SUBSCRIPTIONS))
                .handler(this::list);
        router.get("/webhook-subscriptions/:id").handler(arrive.apply(Route.GET_WEBHOOK_SUBSCRIPTION))
                .handler(ctx -> found(ctx, () -> store.subscription(id(ctx)).map(shapes::subscription)));
        router.post("/webhook-subscriptions/:id").handler(arrive.apply(Route.UPDATE_WEBHOOK_SUBSCRIPTION))
                .handler(ctx -> withBody(ctx, (ex, body) -> update(ex, id(ctx), body)));
        router.delete("/webhook-subscriptions/:id").handler(arrive.apply(Route.DELETE_WEBHOOK_SUBSCRIPTION))
                .handler(ctx -> found(ctx, () -> store.delete(id(ctx)).map(shapes::subscription)));
        router.get("/webhook-subscriptions/:id/webhooks").handler(arrive.apply(Route.LIST_WEBHOOKS))
                .handler(this::webhooks);
        router.get("/webhooks/:id").handler(arrive.apply(Route.GET_WEBHOOK))
                .handler(ctx -> found(ctx, () -> store.webhook(id(ctx)).map(shapes::webhook)));
        router.get("/webhooks/:id/retries").handler(arrive.apply(Route.LIST_WEBHOOK_RETRIES))
                .handler(ctx -> found(ctx, () -> store.webhook(id(ctx)).map(shapes::retries)));
        router.post("/webhooks/:id/retries").handler(arrive.apply(Route.RETRY_WEBHOOK)).handler(this::retry);
    }

    // ------------------------------------------------------------------ handlers

    private void create(Exchange ex, JsonNode body) {
        String url = body.path("url").isTextual() ? body.path("url").asText() : null;
        String secret = body.path("secret").isTextual() ? body.path("secret").asText() : null;
        Optional<DocumentError> refusal = urlRefusal(url).or(() -> secretRefusal(secret));
        if (refusal.isPresent()) {
            ex.error(json, refusal.get());
            return;
        }
        store.create(url, secret).ifPresentOrElse(
                created -> ex.respond(201, null, "", Map.of("Location", shapes.subscriptionUrl(created.id()))),
                () -> ex.error(json, new DocumentError(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES, "MaxNumberOfResources",
                        "The maximum number of subscriptions has been reached.", List.of(), Optional.empty())));
    }

    private void update(Exchange ex, String id, JsonNode body) {
        if (!body.path("paused").isBoolean()) {
            ex.error(json, Handlers.badRequest("Expected {\"paused\": true|false}."));
            return;
        }
        found(ex, store.paused(id, body.path("paused").asBoolean()).map(shapes::subscription));
    }

    private void list(RoutingContext ctx) {
        Exchange ex = ctx.get(Handlers.EXCHANGE);
        if (handlers.admitted(ex)) {
            ex.respond(200, DwollaJson.HAL_JSON, shapes.subscriptions(store.subscriptions()), Map.of());
        }
    }

    private void webhooks(RoutingContext ctx) {
        Exchange ex = ctx.get(Handlers.EXCHANGE);
        if (!handlers.admitted(ex)) {
            return;
        }
        String id = id(ctx);
        Optional<LocalDate> startDate;
        Optional<LocalDate> endDate;
        try {
            startDate = day(ex.request.getParam("startDate"));
            endDate = day(ex.request.getParam("endDate"));
        } catch (DateTimeParseException malformed) {
            ex.error(json, DocumentError.validation(FieldError.INVALID_FORMAT, "/startDate",
                    "startDate and endDate must be dates as YYYY-MM-DD."));
            return;
        }
        Optional<Instant> from = startDate.map(WebhookRoutes::startOf);
        Optional<Instant> until = endDate.map(WebhookRoutes::startOf);
        String query = Stream.of(startDate.map(d -> "startDate=" + d), endDate.map(d -> "endDate=" + d))
                .flatMap(Optional::stream).collect(Collectors.joining("&"));
        String filters = query.isEmpty() ? "" : "?" + query;
        EventRoutes.Paging.parse(ex, EventRoutes.DEFAULT_LIMIT, io.docverify.ports.out.EventFeed.MAX_LIMIT)
                .ifPresentOrElse(paging -> found(ex, store.webhooksOf(id, from, until, paging.offset(), paging.limit())
                        .map(page -> shapes.webhooks(id, filters, page, ex.request.uri(), paging.offset(),
                                paging.limit()))),
                        () -> ex.error(json, EventRoutes.Paging.invalid()));
    }

    /** A {@code YYYY-MM-DD} day; empty when absent. */
    private static Optional<LocalDate> day(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(value.trim()));
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private void retry(RoutingContext ctx) {
        Exchange ex = ctx.get(Handlers.EXCHANGE);
        if (!handlers.admitted(ex)) {
            return;
        }
        String id = id(ctx);
        store.retry(id).ifPresentOrElse(retry -> {
            ex.respond(201, null, "", Map.of("Location", shapes.retryUrl(id, retry.id())));
            resend.accept(id);
        }, () -> ex.error(json, EventRoutes.notFound()));
    }

    // ------------------------------------------------------------------ shared

    /** Answers what {@code action} finds (it runs only once the request is admitted), or 404. */
    private void found(RoutingContext ctx, Supplier<Optional<String>> action) {
        Exchange ex = ctx.get(Handlers.EXCHANGE);
        if (handlers.admitted(ex)) {
            found(ex, action.get());
        }
    }

    /** The path's id; the server's ids are lowercase UUIDs, read in any case. */
    private static String id(RoutingContext ctx) {
        return ctx.pathParam("id").toLowerCase(Locale.ROOT);
    }

    private void found(Exchange ex, Optional<String> body) {
        body.ifPresentOrElse(b -> ex.respond(200, DwollaJson.HAL_JSON, b, Map.of()),
                () -> ex.error(json, EventRoutes.notFound()));
    }

    /** Reads a JSON object body of at most {@link #MAX_BODY_BYTES} (see {@link JsonObjectBody}), then hands it on. */
    private void withBody(RoutingContext ctx, java.util.function.BiConsumer<Exchange, JsonNode> then) {
        JsonObjectBody.read(ctx, handlers, json, MAX_BODY_BYTES, then);
    }

    private static Optional<DocumentError> urlRefusal(String url) {
        if (url == null || url.isEmpty()) {
            return Optional.of(DocumentError.validation(FieldError.REQUIRED, "/url", "Url is required."));
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && url.length() <= 2048) {
                return Optional.empty();
            }
        } catch (URISyntaxException malformed) {
            // refused below
        }
        return Optional.of(DocumentError.validation(FieldError.INVALID_FORMAT, "/url", "Url must be a valid url."));
    }

    private static Optional<DocumentError> secretRefusal(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.of(DocumentError.validation(FieldError.REQUIRED, "/secret", "Secret is required."));
        }
        return secret.length() > WebhookStore.MAX_SECRET_CHARS
                ? Optional.of(DocumentError.validation(FieldError.INVALID_FORMAT, "/secret",
                        "Secret must be 128 or fewer characters."))
                : Optional.empty();
    }
}
