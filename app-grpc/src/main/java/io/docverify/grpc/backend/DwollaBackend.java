package io.docverify.grpc.backend;

import io.docverify.adapter.dwolla.DwollaDocumentProvider;
import io.docverify.application.DocumentEventBus;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.sandbox.SandboxUseCase;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Dwolla's API through adapter-dwolla-http. Reviews happen at Dwolla (days later, announced by webhooks to
 * another endpoint), so there are no in-process events: watches re-read their document. No sandbox controls:
 * Dwolla's own sandbox dashboard plays the reviewer.
 */
public final class DwollaBackend implements Backend {
    /** How often a watch re-reads its document from Dwolla unless configured. */
    public static final Duration WATCH_POLL_INTERVAL = Duration.ofMinutes(1);

    private final DwollaDocumentProvider provider;

    public DwollaBackend(DwollaDocumentProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
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
        return Optional.empty();
    }

    @Override
    public Duration defaultWatchPollInterval() {
        return WATCH_POLL_INTERVAL;
    }

    @Override
    public void close() {
        provider.close();
    }
}
