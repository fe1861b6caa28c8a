package io.docverify.grpc.webhook;

import io.docverify.application.Reconciler;
import io.docverify.application.WebhookProcessor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The intake's meters: {@code docverify.webhooks.received} (tags {@code topic}, {@code outcome}),
 * {@code docverify.webhooks.processed} (tag {@code outcome}), the timer {@code docverify.webhooks.processing.lag}
 * (event created to applied) and {@code docverify.webhooks.reconciliations} (tag {@code result}) with
 * {@code docverify.webhooks.reconciled.events}. A topic is only taken from a body whose signature matched, so an
 * unsigned request cannot create meters; before that it is {@code unknown}.
 */
final class WebhookMetrics {
    /** What the intake answered a delivery. */
    enum Received {
        ACCEPTED, DUPLICATE, BAD_SIGNATURE, STALE, FAILED, MALFORMED, TOO_LARGE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The topic of a delivery refused before its body was trusted. */
    static final String UNKNOWN_TOPIC = "unknown";

    private final MeterRegistry registry;
    /** By topic, then answer: built once each (a delivery's hot path only looks them up). */
    private final ConcurrentHashMap<String, Map<Received, Counter>> received = new ConcurrentHashMap<>();
    private final Map<WebhookProcessor.Outcome, Counter> processed = new EnumMap<>(WebhookProcessor.Outcome.class);
    private final Timer lag;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (WebhookProcessor.Outcome outcome : WebhookProcessor.Outcome.values()) {
            processed.put(outcome, Counter.builder("docverify.webhooks.processed")
                    .description("events applied after the answer, by outcome")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        lag = Timer.builder("docverify.webhooks.processing.lag")
                .description("from an event's creation at the provider to its change applied here").register(registry);
    }

    void received(String topic, Received outcome) {
        received.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> Counter.builder("docverify.webhooks.received")
                        .description("webhook deliveries, by topic and answer")
                        .tag("topic", topic).tag("outcome", o.tag()).register(registry))
                .increment();
    }

    void processed(WebhookProcessor.Outcome outcome, Duration lag) {
        processed.get(outcome).increment();
        if (outcome != WebhookProcessor.Outcome.FAILED) {
            this.lag.record(lag);
        }
    }

    void reconciled(Reconciler.Result result) {
        Counter.builder("docverify.webhooks.reconciliations").description("reads of the provider's event feed")
                .tag("result", result.complete() ? "complete" : "incomplete").register(registry).increment();
        Counter.builder("docverify.webhooks.reconciled.events")
                .description("events reconciliation applied (missed or unprocessed)").register(registry)
                .increment(result.applied());
    }

    void reconcileFailed() {
        Counter.builder("docverify.webhooks.reconciliations").description("reads of the provider's event feed")
                .tag("result", "failed").register(registry).increment();
    }
}
