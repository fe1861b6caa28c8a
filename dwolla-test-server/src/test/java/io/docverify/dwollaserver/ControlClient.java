package io.docverify.dwollaserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;

/** A blocking Vert.x WebClient for the control API of one server, on 127.0.0.1. */
final class ControlClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Vertx vertx = Vertx.vertx();
    private final WebClient client;

    ControlClient(DwollaTestServer server) {
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port()));
    }

    /** An answer: status, content type and body. */
    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String code() {
            return json().path("code").asText();
        }
    }

    Answer get(String path) {
        return await(client.request(HttpMethod.GET, path).send());
    }

    Answer post(String path, String json) {
        return await(client.request(HttpMethod.POST, path).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(json)));
    }

    Answer post(String path, String contentType, String body) {
        return await(client.request(HttpMethod.POST, path).putHeader("Content-Type", contentType)
                .sendBuffer(Buffer.buffer(body)));
    }

    Answer delete(String path) {
        return await(client.request(HttpMethod.DELETE, path).send());
    }

    private static Answer await(Future<HttpResponse<Buffer>> future) {
        try {
            HttpResponse<Buffer> r = future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new Answer(r.statusCode(), r.getHeader("Content-Type"),
                    r.body() == null ? "" : r.bodyAsString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
