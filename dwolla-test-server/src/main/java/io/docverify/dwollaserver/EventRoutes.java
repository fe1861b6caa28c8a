package io.docverify.dwollaserver;

import io.docverify.adapter.inmemory.EventLog;
import io.docverify.adapter.inmemory.SandboxEvent;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** {@code GET /events} and {@code GET /events/{id}}: the backend's {@link EventLog}, in Dwolla's shapes. */
final class EventRoutes {
    /** Dwolla's default page. */
    static final int DEFAULT_LIMIT = 25;

    /** The paths these routes (and the webhook routes) answer, for the 405 of another method. */
    static final Pattern KNOWN_PATHS = Pattern.compile(
            "/events(/[^/]+)?|/webhook-subscriptions(/[^/]+(/webhooks)?)?|/webhooks/[^/]+(/retries)?");

    private final Handlers handlers;
    private final DwollaJson json;
    private final EventJson events;
    private final EventLog log;

    EventRoutes(Handlers handlers, DwollaJson json, EventJson events, EventLog log) {
        this.handlers = handlers;
        this.json = json;
        this.events = events;
        this.log = log;
    }

    /** Adds the routes, each behind the server's arrival handler for its {@link Route}. */
    void mount(Router router, Function<Route, Handler<RoutingContext>> arrive) {
        router.get("/events").handler(arrive.apply(Route.LIST_EVENTS)).handler(this::list);
        router.get("/events/:id").handler(arrive.apply(Route.GET_EVENT)).handler(this::get);
    }

    private void list(RoutingContext ctx) {
        Exchange ex = ctx.get(Handlers.EXCHANGE);
        if (!handlers.admitted(ex)) {
            return;
        }
        Paging.parse(ex, DEFAULT_LIMIT, EventLog.MAX_LIMIT).ifPresentOrElse(paging -> {
            EventLog.Page page = log.newest(paging.offset(), paging.limit());
            ex.respond(200, DwollaJson.HAL_JSON, events.events(page, ex.request.uri(), paging.offset(),
                    paging.limit()), Map.of());
        }, () -> ex.error(json, Paging.invalid()));
    }

    private void get(RoutingContext ctx) {
        Exchange ex = ctx.get(Handlers.EXCHANGE);
        if (!handlers.admitted(ex)) {
            return;
        }
        Optional<SandboxEvent> event = log.get(ctx.pathParam("id").toLowerCase(java.util.Locale.ROOT));
        if (event.isEmpty()) {
            ex.error(json, notFound());
            return;
        }
        ex.respond(200, DwollaJson.HAL_JSON, events.event(event.get()), Map.of());
    }

    /** Dwolla's 404 for an unknown event, subscription or webhook. */
    static DocumentError notFound() {
        return new DocumentError(ErrorCode.NOT_FOUND, "NotFound", "The requested resource was not found.",
                java.util.List.of(), Optional.empty());
    }

    /**
     * {@code limit} and {@code offset} of a list request: a limit above the largest is the largest, below 1 is 1,
     * a negative offset is 0; a value that is not a whole number is refused.
     */
    record Paging(int offset, int limit) {
        static Optional<Paging> parse(Exchange ex, int defaultLimit, int maxLimit) {
            try {
                long limit = number(ex.request.getParam("limit"), defaultLimit);
                long offset = number(ex.request.getParam("offset"), 0);
                return Optional.of(new Paging((int) Math.max(0, Math.min(Integer.MAX_VALUE, offset)),
                        (int) Math.max(1, Math.min(maxLimit, limit))));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }

        private static long number(String value, long absent) {
            return value == null || value.isEmpty() ? absent : Long.parseLong(value.trim());
        }

        static DocumentError invalid() {
            return DocumentError.validation(FieldError.INVALID_FORMAT, "/limit",
                    "limit and offset must be whole numbers.");
        }
    }
}
