package io.docverify.grpc.backend;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.application.DocumentEventBus;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.sandbox.SandboxUseCase;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The offline Dwolla stand-in: in-process events (watches need no polling) and sandbox controls. */
public final class InMemoryBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryBackend.class);

    private final DocumentEventBus events;
    private final InMemoryDwolla dwolla;

    public InMemoryBackend(InMemoryConfig config) {
        this.events = new DocumentEventBus(e -> LOG.atWarn().addKeyValue("event", "bus.listenerFailed").setCause(e)
                .log("an event listener failed"));
        this.dwolla = new InMemoryDwolla(config, events, DocumentIdSource.RANDOM);
    }

    @Override
    public String name() {
        return "inmemory";
    }

    @Override
    public DocumentProvider documents() {
        return dwolla;
    }

    @Override
    public Optional<SandboxUseCase> sandbox() {
        return Optional.of(dwolla);
    }

    @Override
    public Optional<DocumentEventBus> events() {
        return Optional.of(events);
    }

    @Override
    public boolean changesHappenInProcess() {
        return true;
    }

    @Override
    public Duration defaultWatchPollInterval() {
        return Duration.ZERO;
    }

    @Override
    public void close() {
        dwolla.close();
    }
}
