package io.docverify.adapter.dwolla;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal scripted Dwolla on 127.0.0.1 for behaviours the Dwolla-compatible test server cannot show (it always
 * honours Idempotency-Keys, so it never answers a repeated upload with {@code DuplicateResource}): each route
 * answers what the test scripts, per call number. {@code POST /token} always issues a token.
 */
final class ScriptedDwolla implements AutoCloseable {

    /** What to do with the n-th request (1-based) of a route. */
    @FunctionalInterface
    interface Script {
        void answer(HttpServerRequest request, Buffer body, int call);
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();

    ScriptedDwolla() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String route = request.method().name() + " " + request.path();
            int call = calls.computeIfAbsent(route, r -> new AtomicInteger()).incrementAndGet();
            if (route.equals("POST /token")) {
                json(request, 200, "{\"access_token\":\"scripted-token\",\"token_type\":\"bearer\",\"expires_in\":3600}");
                return;
            }
            String key = request.getHeader("Idempotency-Key");
            if (key != null) {
                idempotencyKeys.add(key);
            }
            Script script = scripts.get(route);
            if (script == null) {
                json(request, 404, "{\"code\":\"NotFound\",\"message\":\"The requested resource was not found.\"}");
            } else {
                script.answer(request, body, call);
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    ScriptedDwolla on(String methodAndPath, Script script) {
        scripts.put(methodAndPath, script);
        return this;
    }

    int calls(String methodAndPath) {
        AtomicInteger n = calls.get(methodAndPath);
        return n == null ? 0 : n.get();
    }

    static void json(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/vnd.dwolla.v1.hal+json")
                .end(body);
    }

    /** Reads the request, then drops the connection: the answer of a processed request is lost. */
    static void lose(HttpServerRequest request) {
        request.connection().close();
    }

    static String document(String id, String type, String created) {
        return "{\"_links\":{\"self\":{\"href\":\"https://api.dwolla.com/documents/" + id + "\"}},\"id\":\"" + id
                + "\",\"status\":\"pending\",\"type\":\"" + type + "\",\"created\":\"" + created
                + "\",\"documentVerificationStatus\":\"pending\"}";
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
