package io.docverify.benchmarks;

import io.docverify.adapter.dwolla.webhook.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * The webhook figure's baseline: a bare Vert.x HTTP endpoint that reads the body, checks the same HMAC
 * ({@link WebhookSignature#verify} on the raw body) and answers 200 (401 if it does not match). No parsing, no
 * inbox, no metrics, no logs. One event loop, like the intake's own Vert.x.
 */
final class BareWebhookServer implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;

    private BareWebhookServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static BareWebhookServer start(String secret) throws Exception {
        var signature = WebhookSignature.of(secret);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    var match = signature.verify(body.getBytes(), request.getHeader(WebhookSignature.HEADER));
                    request.response().setStatusCode(match == WebhookSignature.Match.NONE ? 401 : 200).end();
                }))
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new BareWebhookServer(vertx, server);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
