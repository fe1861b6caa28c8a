package io.docverify.dwollaserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The JSON bodies of Dwolla's non-upload requests ({@code POST /customers}, {@code POST /webhook-subscriptions},
 * ...): read with a bound, checked against the OpenAPI description, then the token and Accept header, then parsed;
 * only a JSON object is handed on. A body over the bound is refused as it arrives, never buffered whole.
 */
final class JsonObjectBody {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonObjectBody() {
    }

    static void read(RoutingContext ctx, Handlers handlers, DwollaJson json, int maxBytes,
            BiConsumer<Exchange, JsonNode> then) {
        Exchange ex = ctx.get(Handlers.EXCHANGE);
        var body = new ByteArrayOutputStream();
        ex.request.handler(chunk -> {
            if (ex.finished()) {
                return;
            }
            if (body.size() + chunk.length() > maxBytes) {
                ex.refuse(json, Handlers.badRequest("The body is longer than " + maxBytes + " bytes."));
                return;
            }
            body.writeBytes(chunk.getBytes());
        });
        ex.request.endHandler(end -> {
            if (ex.finished()) {
                return;
            }
            String text = body.toString(StandardCharsets.UTF_8);
            ex.checkRequest(Optional.of(text));
            if (!handlers.admitted(ex)) {
                return;
            }
            JsonNode parsed;
            try {
                parsed = MAPPER.readTree(text);
            } catch (IOException malformed) {
                parsed = null;
            }
            if (parsed == null || !parsed.isObject()) {
                ex.error(json, Handlers.badRequest("A JSON object is expected."));
                return;
            }
            then.accept(ex, parsed);
        });
        ex.continueIfExpected();
    }
}
