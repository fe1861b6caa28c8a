package io.docverify.grpc.backend;

import io.docverify.application.DocumentEventBus;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.out.EventFeed;
import io.docverify.ports.sandbox.SandboxUseCase;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Optional;

/**
 * What the service runs on: a document provider, and what comes with it (sandbox controls, in-process events).
 * {@link Backends#create} builds one from the configuration; adding a provider is one implementation of this
 * interface and one line there.
 */
public interface Backend extends AutoCloseable {
    /** The configuration name, for logs and messages ({@code inmemory}, {@code dwolla}). */
    String name();

    /** The provider the use cases run on. */
    DocumentProvider documents();

    /** The sandbox controls, if the backend has them (only the in-memory stand-in). */
    Optional<SandboxUseCase> sandbox();

    /** The bus the provider publishes its changes on, if its changes happen in this process. */
    Optional<DocumentEventBus> events();

    /**
     * Whether the provider's own changes happen in this process and are published on {@link #events()} (the
     * in-memory stand-in): then WatchEvents' log follows that bus. Otherwise (Dwolla) the log is fed by the
     * webhook processor, which also publishes on the bus: following it too would log every event twice.
     */
    default boolean changesHappenInProcess() {
        return false;
    }

    /** How often a watch re-reads its document unless configured; zero when events suffice. */
    Duration defaultWatchPollInterval();

    /**
     * The provider's event feed ({@code GET /events}), if it has one: what the webhook intake's reconciliation
     * reads back after an outage. None by default.
     */
    default Optional<EventFeed> eventFeed() {
        return Optional.empty();
    }

    /**
     * Makes sure the provider delivers its webhooks to {@code url}, signed with {@code secret}: creates or unpauses
     * a subscription. Completes with the subscription's id, or empty when the provider has no subscriptions (the
     * in-memory stand-in, whose changes happen in process).
     */
    default CompletionStage<Optional<String>> ensureWebhookSubscription(URI url, String secret) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** Releases the backend's threads and connections. */
    @Override
    void close();
}
