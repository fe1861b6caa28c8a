package io.docverify.grpc;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.application.DocumentEventBus;
import io.docverify.grpc.backend.Backend;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.sandbox.SandboxUseCase;
import java.time.Duration;
import java.util.Optional;

/**
 * A test backend whose provider wraps the in-memory stand-in's (reviews at once, events in process): a subclass
 * implements the {@link DocumentProvider} methods around {@link #base}, and everything else is the stand-in's.
 */
public abstract class WrappedInMemoryBackend implements Backend, DocumentProvider {
    /** The in-memory backend being wrapped. */
    protected final InMemoryBackend base =
            new InMemoryBackend(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO));

    @Override
    public final DocumentProvider documents() {
        return this;
    }

    @Override
    public final Optional<SandboxUseCase> sandbox() {
        return base.sandbox();
    }

    @Override
    public final Optional<DocumentEventBus> events() {
        return base.events();
    }

    @Override
    public final boolean changesHappenInProcess() {
        return base.changesHappenInProcess();
    }

    @Override
    public final Duration defaultWatchPollInterval() {
        return Duration.ZERO;
    }

    @Override
    public final void close() {
        base.close();
    }
}
