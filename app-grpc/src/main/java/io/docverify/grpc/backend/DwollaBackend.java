package io.docverify.grpc.backend;

import io.docverify.adapter.dwolla.DwollaDocumentProvider;
import io.docverify.application.DocumentEventBus;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.out.EventFeed;
import io.docverify.ports.sandbox.SandboxUseCase;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.Objects;
import java.util.Optional;

/**
 * Dwolla's API through adapter-dwolla-http. Reviews happen at Dwolla (days later) and are announced by webhooks:
 * with the webhook intake on ({@code DOCVERIFY_WEBHOOK_SECRET}), each webhook's document is read and its change
 * published on this backend's {@link #events()} bus, so watches hear it at once and poll only as a slow backstop
 * ({@link #BACKSTOP_POLL_INTERVAL}); without the intake nothing publishes there and watches poll every
 * {@link #WATCH_POLL_INTERVAL}. No sandbox controls: Dwolla's own sandbox dashboard plays the reviewer.
 */
public final class DwollaBackend implements Backend {
    /** How often a watch re-reads its document from Dwolla unless configured. */
    public static final Duration WATCH_POLL_INTERVAL = Duration.ofMinutes(1);
    /** How often a watch re-reads its document unless configured, when webhooks announce the reviews. */
    public static final Duration BACKSTOP_POLL_INTERVAL = Duration.ofMinutes(15);

    private final DwollaDocumentProvider provider;
    private final DocumentEventBus events = new DocumentEventBus();
    private final Duration watchPollInterval;

    /** Without webhooks: watches poll every {@link #WATCH_POLL_INTERVAL}. */
    public DwollaBackend(DwollaDocumentProvider provider) {
        this(provider, WATCH_POLL_INTERVAL);
    }

    /** Watches poll every {@code watchPollInterval} unless configured. */
    public DwollaBackend(DwollaDocumentProvider provider, Duration watchPollInterval) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.watchPollInterval = Objects.requireNonNull(watchPollInterval, "watchPollInterval");
    }

    @Override
    public String name() {
        return "dwolla";
    }

    @Override
    public DocumentProvider documents() {
        return provider;
    }

    @Override
    public Optional<SandboxUseCase> sandbox() {
        return Optional.empty();
    }

    @Override
    public Optional<DocumentEventBus> events() {
        return Optional.of(events);
    }

    /** Dwolla's {@code GET /events}, through the provider's token, retries and circuit breaker. */
    @Override
    public Optional<EventFeed> eventFeed() {
        return Optional.of(provider.eventFeed());
    }

    /** Dwolla's webhook subscriptions: lists them, then creates or unpauses the one for {@code url}. */
    @Override
    public CompletionStage<Optional<String>> ensureWebhookSubscription(URI url, String secret) {
        return provider.webhookSubscriptions().ensureSubscribed(url, secret).thenApply(s -> Optional.of(s.id()));
    }

    @Override
    public Duration defaultWatchPollInterval() {
        return watchPollInterval;
    }

    @Override
    public void close() {
        provider.close();
    }
}
