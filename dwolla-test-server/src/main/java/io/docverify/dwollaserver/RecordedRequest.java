package io.docverify.dwollaserver;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the server saw. Never holds an Authorization header, a token, a secret or a body byte.
 *
 * @param route          the route it matched ({@link Route#OTHER} for none)
 * @param method         the HTTP method
 * @param path           the path, without the query
 * @param status         the status answered; {@link #NO_RESPONSE} when the connection was reset or closed first
 * @param idempotencyKey the {@code Idempotency-Key} header, if sent
 * @param bodyBytes      how many bytes of the request (body and framing after the headers) the server read
 * @param at             when the request arrived
 */
public record RecordedRequest(Route route, String method, String path, int status, Optional<String> idempotencyKey,
        long bodyBytes, Instant at) {
    /** The status of a request that got no answer (a reset, or a client that went away). */
    public static final int NO_RESPONSE = 0;

    public RecordedRequest {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(at, "at");
    }

    /** True when the server answered (any status), false for a reset or an abandoned request. */
    public boolean answered() {
        return status != NO_RESPONSE;
    }
}
