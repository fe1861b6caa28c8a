package io.docverify.adapter.dwolla;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The adapter's own Micrometer meters (Resilience4j's are bound beside them by {@link Resilience}). Tags carry
 * operations, HTTP statuses and Dwolla's canonical codes only: never a token, secret, id or file byte, and a
 * code docverify does not know is tagged {@code unknown} so a misbehaving server cannot explode cardinality.
 *
 * <ul>
 *   <li>{@code docverify.dwolla.calls} (timer): one per call of the port, including retries; tags
 *       {@code operation} (create, get, list, events) and {@code outcome} ({@code success} or the Dwolla code).</li>
 *   <li>{@code docverify.dwolla.http.requests} (timer): one per HTTP exchange; tags {@code route} (token, create,
 *       get, list, events) and {@code status} (the HTTP status, or {@code IO_ERROR} / {@code TIMEOUT}).</li>
 *   <li>{@code docverify.dwolla.upload.recoveries} (counter): uploads whose lost answer was recovered without
 *       sending the file again; tag {@code via} ({@code lookup}: found in the owner's list, {@code duplicate}:
 *       Dwolla's DuplicateResource linked it, {@code no-location}: a 201 without Location).</li>
 *   <li>{@code docverify.dwolla.token.renewals} (counter): {@code POST /token} requests; tag {@code outcome}.</li>
 * </ul>
 */
final class DwollaMetrics {
    static final String CALLS = "docverify.dwolla.calls";
    static final String REQUESTS = "docverify.dwolla.http.requests";
    static final String RECOVERIES = "docverify.dwolla.upload.recoveries";
    static final String TOKEN_RENEWALS = "docverify.dwolla.token.renewals";

    private final MeterRegistry registry;

    DwollaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void call(String operation, String outcome, Timer.Sample sample) {
        sample.stop(Timer.builder(CALLS)
                .description("Calls of the Dwolla document provider, retries included")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry));
    }

    void request(String route, String status, Timer.Sample sample) {
        sample.stop(Timer.builder(REQUESTS)
                .description("HTTP exchanges with Dwolla")
                .tag("route", route)
                .tag("status", status)
                .register(registry));
    }

    void recovered(String via) {
        Counter.builder(RECOVERIES)
                .description("Uploads whose lost answer was recovered without sending the file again")
                .tag("via", via)
                .register(registry)
                .increment();
    }

    void tokenRenewal(String outcome) {
        Counter.builder(TOKEN_RENEWALS)
                .description("Requests for a new Dwolla access token")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
