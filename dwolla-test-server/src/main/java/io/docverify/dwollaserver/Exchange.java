package io.docverify.dwollaserver;

import io.docverify.domain.error.DocumentError;
import io.netty.channel.ChannelOption;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request and its answer: applies the answer-spoiling faults, records the journal entry exactly once, checks the
 * answer against the OpenAPI description, and knows how to refuse an upload early (answer, then read at most a
 * little more so the client sees the answer, then close) or reset the connection. Used on the request's event loop
 * only.
 */
final class Exchange {
    /** How much more of a refused upload is read (and dropped) so the client can read the answer. */
    static final long LINGER_BYTES = 256 * 1024;
    /** How long a refused upload's connection stays open at most. */
    static final long LINGER_MILLIS = 2_000;

    /** How many OpenAPI violations are kept. */
    static final int MAX_VIOLATIONS = 10_000;

    /** What every exchange shares. */
    record Shared(Vertx vertx, Journal journal, Optional<DwollaOpenApiValidator> validator, List<String> violations) {
    }

    final Shared shared;
    final HttpServerRequest request;
    final Route route;
    final Context context;
    final Optional<String> idempotencyKey;
    private final long ticket;
    private final Instant at;
    private Fault fault;
    private boolean finished;
    private boolean delayed;
    private boolean continued;
    private final java.util.List<Runnable> onClosed = new java.util.ArrayList<>(1);

    Exchange(Shared shared, HttpServerRequest request, Route route, Instant at) {
        this.shared = shared;
        this.request = request;
        this.route = route;
        this.context = Vertx.currentContext();
        this.at = at;
        this.idempotencyKey = Optional.ofNullable(request.getHeader("Idempotency-Key"));
        this.ticket = shared.journal().arrive(() -> recorded(RecordedRequest.NO_RESPONSE));
        request.response().closeHandler(closed -> {
            finish(RecordedRequest.NO_RESPONSE);
            onClosed.forEach(Runnable::run);
        });
    }

    /** Runs {@code action} when the connection closes before or after the answer (on the request's context). */
    void onClosed(Runnable action) {
        onClosed.add(action);
    }

    void fault(Fault value) {
        this.fault = value;
    }

    Optional<Fault> fault() {
        return Optional.ofNullable(fault);
    }

    boolean finished() {
        return finished;
    }

    // ------------------------------------------------------------------ answers

    /** A Dwolla error answer for a backend refusal. */
    void error(DwollaJson json, DocumentError error) {
        DocumentError styled = json.errorStyle().restyle(error);
        respond(DwollaStatus.of(styled), DwollaJson.HAL_JSON, json.error(styled), Map.of());
    }

    /**
     * The answer, after the answer-spoiling faults: a reset instead, a delay, a truncated JSON body or a dropped
     * {@code Location}.
     */
    void respond(int status, String contentType, String body, Map<String, String> headers) {
        if (finished) {
            return;
        }
        if (fault instanceof Fault.ResetAfterProcessing) {
            reset();
            return;
        }
        if (fault instanceof Fault.Delay delay && !delayed) {
            delayed = true;
            long millis = Math.max(1, delay.delay().toMillis());
            shared.vertx().setTimer(millis, t -> respond(status, contentType, body, headers));
            return;
        }
        if (fault instanceof Fault.MalformedJson) {
            String whole = body == null || body.isEmpty() ? "{\"_links\":{\"self\":{\"href\":\"" + headers.getOrDefault(
                    "Location", "") + "\"}}}" : body;
            send(200, DwollaJson.HAL_JSON, whole.substring(0, Math.max(1, whole.length() / 2)), Map.of(), false);
            return;
        }
        if (fault instanceof Fault.DropLocationHeader && headers.containsKey("Location")) {
            var without = new LinkedHashMap<>(headers);
            without.remove("Location");
            send(status, contentType, body, without, false);
            return;
        }
        send(status, contentType, body, headers, fault == null || fault instanceof Fault.Delay);
    }

    /** Sends exactly this answer (a fault's own answer, or after {@link #respond}). */
    void send(int status, String contentType, String body, Map<String, String> headers, boolean check) {
        if (finished) {
            return;
        }
        finish(status);
        HttpServerResponse response = request.response();
        response.setStatusCode(status);
        if (contentType != null) {
            response.putHeader("Content-Type", contentType);
        }
        headers.forEach(response::putHeader);
        if (check) {
            shared.validator().ifPresent(v -> {
                var checked = new DwollaOpenApiValidator.ApiResponse(request.method().name(), request.path(), status,
                        multiMap(response.headers()), Optional.ofNullable(body).filter(b -> !b.isEmpty()));
                v.validate(checked).forEach(m -> violation(
                        "response " + status + " to " + request.method().name() + " " + request.path() + ": " + m));
            });
        }
        if (body == null || body.isEmpty()) {
            response.end();
        } else {
            response.end(body);
        }
    }

    /**
     * Refuses an upload whose body is not (fully) read: answers with {@code Connection: close}, then drops at most
     * {@link #LINGER_BYTES} more (so the client, still sending, can read the answer) and closes the connection.
     */
    void refuse(DwollaJson json, DocumentError error) {
        if (request.isEnded()) {
            error(json, error);
            return;
        }
        if (finished) {
            return;
        }
        request.response().putHeader("Connection", "close");
        error(json, error);
        long stopAt = request.bytesRead() + LINGER_BYTES;
        Handler<Buffer> drop = chunk -> {
            if (request.bytesRead() > stopAt) {
                close();
            }
        };
        request.handler(drop);
        request.endHandler(end -> close());
        request.resume();
        shared.vertx().setTimer(LINGER_MILLIS, t -> close());
    }

    /**
     * Answers {@code 100 Continue} to a client that waits for it ({@code Expect: 100-continue}, as curl sends for large
     * uploads) once the server means to read the body; a refusal sent instead spares the client sending it.
     */
    void continueIfExpected() {
        String expect = request.getHeader("Expect");
        if (!continued && expect != null && expect.equalsIgnoreCase("100-continue") && !request.isEnded()) {
            continued = true;
            request.response().writeContinue();
        }
    }

    /** Reads (and drops) the rest of the body, then runs {@code then}; resets if the body exceeds {@code limit}. */
    void drainThen(long limit, Runnable then) {
        if (request.isEnded()) {
            then.run();
            return;
        }
        continueIfExpected();
        request.handler(chunk -> {
            if (request.bytesRead() > limit) {
                reset();
            }
        });
        request.endHandler(end -> then.run());
        request.resume();
    }

    /** Resets the connection (TCP RST where the transport allows it); the request gets no answer. */
    void reset() {
        finish(RecordedRequest.NO_RESPONSE);
        HttpConnection connection = request.connection();
        try {
            if (connection instanceof io.vertx.core.net.impl.ConnectionBase base) {
                base.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            }
        } catch (RuntimeException | LinkageError notAvailable) {
            // a plain close (FIN) is the fallback
        }
        connection.close();
    }

    private void close() {
        finish(RecordedRequest.NO_RESPONSE);
        request.connection().close();
    }

    /** Records the request in the journal, once. */
    void finish(int status) {
        if (finished) {
            return;
        }
        finished = true;
        shared.journal().record(ticket, recorded(status));
    }

    private RecordedRequest recorded(int status) {
        return new RecordedRequest(route, request.method().name(), request.path(), status, idempotencyKey,
                request.bytesRead(), at);
    }

    /** Checks the request line and headers (and the body, if given) against the description. */
    void checkRequest(Optional<String> body) {
        shared.validator().ifPresent(v -> {
            var checked = new DwollaOpenApiValidator.ApiRequest(request.method().name(), request.uri(),
                    multiMap(request.headers()), body);
            String authorization = request.getHeader("Authorization");
            v.validate(checked).forEach(m -> violation("request " + request.method().name() + " "
                    + request.path() + ": " + redact(m, authorization)));
        });
    }

    /** Keeps the first {@link #MAX_VIOLATIONS} violations: enough to read, bounded for long runs. */
    private void violation(String message) {
        if (shared.violations().size() < MAX_VIOLATIONS) {
            shared.violations().add(message);
            ViolationLog.warn(route.name(), message);
        }
    }

    private static String redact(String message, String secret) {
        return secret == null || secret.isEmpty() ? message : message.replace(secret, "***");
    }

    static Map<String, List<String>> multiMap(MultiMap headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String name : headers.names()) {
            map.put(name, new ArrayList<>(headers.getAll(name)));
        }
        return map;
    }
}
