package io.docverify.adapter.dwolla;

import io.docverify.adapter.dwolla.DwollaFailure.Kind;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One HTTP exchange with Dwolla, the way Dwolla requires it: {@code Accept: application/vnd.dwolla.v1.hal+json},
 * {@code Authorization: Bearer} with the cached token, and after a 401 with an expired, invalid or absent token
 * one renewal and one replay. Answers other than 2xx become a classified {@link DwollaFailure}; a transport
 * failure becomes a transient one. Retries and the other decorators live in {@link Resilience}, not here.
 */
final class DwollaHttp {
    static final String HAL = "application/vnd.dwolla.v1.hal+json";
    /** Dwolla's answers are small JSON documents; anything larger is not read. */
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final BoundedBody BODY = new BoundedBody(MAX_RESPONSE_BYTES);

    /** What the adapter keeps of an answer. */
    record Response(int status, Optional<String> location, Optional<String> retryAfter, byte[] body) {
    }

    private final WebClient client;
    private final DwollaConfig config;
    private final DwollaMetrics metrics;
    private final Clock clock;
    private final TokenCache tokens;
    private final Tracing tracing;

    DwollaHttp(WebClient client, DwollaConfig config, DwollaMetrics metrics, Clock clock, Tracing tracing) {
        this.client = client;
        this.tracing = tracing;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.tokens = new TokenCache(this::fetchToken, clock, config.tokenRefreshMargin());
    }

    /**
     * {@code GET path}; a 2xx answer, or a failed future with a {@link DwollaFailure}. Nothing is sent once
     * {@code abandoned} is true (the attempt's time ran out while it waited for a token).
     */
    CompletableFuture<Response> get(String route, String path, Duration timeout, BooleanSupplier abandoned) {
        return authorized(token -> exchange(route, request(HttpMethod.GET, path, timeout, token), HttpRequest::send,
                abandoned));
    }

    /** {@code POST path} with a JSON body (never logged: it may hold a webhook secret); a 2xx answer or a failure. */
    CompletableFuture<Response> postJson(String route, String path, byte[] json, Duration timeout,
            BooleanSupplier abandoned) {
        return authorized(token -> exchange(route,
                request(HttpMethod.POST, path, timeout, token)
                        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json"),
                r -> r.sendBuffer(Buffer.buffer(json)), abandoned));
    }

    /**
     * {@code POST path} with the multipart body and the Idempotency-Key (the same on every attempt of an upload).
     * {@code onBodySent} runs when the whole body has been handed to the connection.
     */
    CompletableFuture<Response> postMultipart(String path, MultipartBody body, IdempotencyKey key, Duration timeout,
            Runnable onBodySent, BooleanSupplier abandoned) {
        return authorized(token -> exchange("create",
                request(HttpMethod.POST, path, timeout, token)
                        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), body.contentType())
                        .putHeader(HttpHeaders.CONTENT_LENGTH.toString(), Long.toString(body.length()))
                        .putHeader("Idempotency-Key", key.value()),
                r -> r.sendStream(body.stream(onBodySent, abandoned)), abandoned));
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path, Duration timeout, TokenCache.Token token) {
        return client.requestAbs(method, config.baseUrl() + path)
                .as(BODY)
                .putHeader(HttpHeaders.ACCEPT.toString(), HAL)
                .bearerTokenAuthentication(token.value())
                .connectTimeout(config.timeouts().connect().toMillis())
                .idleTimeout(timeout.toMillis());
    }

    /** Sends with the current token; a rejected token is renewed and the request replayed once. */
    private CompletableFuture<Response> authorized(
            Function<TokenCache.Token, CompletableFuture<Response>> send) {
        return tokens.current().thenCompose(token -> send.apply(token).thenCompose(first -> {
            if (!tokenRejected(first)) {
                return CompletableFuture.completedFuture(first);
            }
            tokens.invalidate(token);
            return tokens.current().thenCompose(send);
        })).thenApply(this::successOrFailure);
    }

    private boolean tokenRejected(Response response) {
        return response.status() == 401 && DwollaErrors.failure(401, Optional.empty(), response.body(),
                clock.instant()).kind() == Kind.TOKEN_REJECTED;
    }

    private Response successOrFailure(Response response) {
        if (response.status() >= 200 && response.status() < 300) {
            return response;
        }
        throw DwollaErrors.failure(response.status(), response.retryAfter(), response.body(), clock.instant());
    }

    /** One request on the wire, timed; any HTTP answer is a {@link Response}, no answer a transient failure. */
    private CompletableFuture<Response> exchange(String route, HttpRequest<Buffer> request,
            Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> sender, BooleanSupplier abandoned) {
        if (abandoned.getAsBoolean()) {
            return CompletableFuture.failedFuture(new CancellationException("the attempt's time ran out; not sent"));
        }
        Timer.Sample sample = metrics.start();
        Future<HttpResponse<Buffer>> sent;
        try {
            sent = tracing.send(() -> sender.apply(request)); // one client span per request on the wire
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        CompletableFuture<Response> result = new CompletableFuture<>();
        sent.onComplete(ar -> {
            if (ar.succeeded()) {
                HttpResponse<Buffer> r = ar.result();
                metrics.request(route, Integer.toString(r.statusCode()), sample);
                MultiMap headers = r.headers();
                Buffer body = r.body();
                result.complete(new Response(r.statusCode(), Optional.ofNullable(headers.get(HttpHeaders.LOCATION)),
                        Optional.ofNullable(headers.get("Retry-After")),
                        body == null ? new byte[0] : body.getBytes()));
            } else {
                DwollaFailure failure = Failures.transport(ar.cause());
                metrics.request(route, failure.error().code() == ErrorCode.REQUEST_TIMEOUT ? "TIMEOUT"
                        : failure.kind() == Kind.TRANSIENT ? "IO_ERROR" : "INVALID", sample);
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    /** {@code POST /token} with HTTP Basic (key, secret) and {@code grant_type=client_credentials}. */
    private CompletableFuture<TokenCache.Issued> fetchToken() {
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.POST, config.baseUrl() + "/token")
                .as(BODY)
                .putHeader(HttpHeaders.ACCEPT.toString(), "application/json")
                .basicAuthentication(config.key(), config.secret())
                .connectTimeout(config.timeouts().connect().toMillis())
                .idleTimeout(config.timeouts().read().toMillis());
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials");
        return exchange("token", request, r -> r.sendForm(form), () -> false).thenApply(response -> {
            if (response.status() == 401 || response.status() == 403) {
                // Whatever the body says, the key and secret were refused: never a "token" problem to replay.
                var said = DwollaErrors.failure(response.status(), Optional.empty(), response.body(), clock.instant());
                throw DwollaFailure.of(new DocumentError(ErrorCode.INVALID_CREDENTIALS, said.error().wireCode(),
                        "Dwolla refused the application key and secret: " + said.error().message(),
                        List.of(), Optional.empty()), Kind.FINAL);
            }
            if (response.status() < 200 || response.status() >= 300) {
                throw DwollaErrors.failure(response.status(), response.retryAfter(), response.body(),
                        clock.instant());
            }
            HalJson.TokenJson json = HalJson.read(response.body(), HalJson.TokenJson.class, "token");
            if (json.accessToken() == null || json.accessToken().isBlank() || json.expiresIn() == null
                    || json.expiresIn() <= 0
                    || (json.tokenType() != null && !json.tokenType().equalsIgnoreCase("bearer"))) {
                throw DwollaFailure.protocol(
                        "Dwolla's token answer lacks access_token or a positive expires_in, or is not a bearer token.");
            }
            return new TokenCache.Issued(json.accessToken(), Duration.ofSeconds(json.expiresIn()));
        }).whenComplete((issued, error) ->
                metrics.tokenRenewal(error == null ? "issued" : Failures.metricCode(error)));
    }
}
