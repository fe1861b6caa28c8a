package io.docverify.application;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.ports.in.GetDocumentUseCase;
import io.docverify.ports.in.WatchDocumentUseCase;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Watches documents by combining two sources: the in-process {@link DocumentEventBus} (immediate, when the
 * provider publishes its reviews there, as the in-memory stand-in does) and, if configured, polling the provider
 * at a fixed interval (for providers whose reviews arrive elsewhere, such as Dwolla). A watch subscribes to the
 * bus before it reads the document, so a change between the two cannot be lost: its event triggers a second read.
 *
 * <p>The scheduler is the caller's; this service never shuts it down.
 */
public final class DocumentWatchService implements WatchDocumentUseCase {
    private final GetDocumentUseCase documents;
    private final Optional<DocumentEventBus> events;
    private final ScheduledExecutorService scheduler;
    private final WatchConfig config;
    private final Optional<ChangeRecorder> recorder;

    /**
     * @param documents where a watch reads the document
     * @param events    the provider's in-process events, if it publishes any
     * @param scheduler runs the pollers (unused without polling)
     * @param config    the poll interval
     * @throws IllegalArgumentException with neither events nor polling, as a watch would never see a change
     */
    public DocumentWatchService(GetDocumentUseCase documents, Optional<DocumentEventBus> events,
            ScheduledExecutorService scheduler, WatchConfig config) {
        this(documents, events, scheduler, config, Optional.empty());
    }

    /**
     * As the other constructor; a review that a watch's poll is the first to see (no event announced it) is
     * recorded through {@code recorder} ({@link ChangeRecorder#polled}).
     */
    public DocumentWatchService(GetDocumentUseCase documents, Optional<DocumentEventBus> events,
            ScheduledExecutorService scheduler, WatchConfig config, Optional<ChangeRecorder> recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.events = Objects.requireNonNull(events, "events");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        if (events.isEmpty() && !config.polls()) {
            throw new IllegalArgumentException("a watch needs in-process events or a poll interval");
        }
    }

    @Override
    public Flow.Publisher<Document> watch(DocumentId id) {
        Objects.requireNonNull(id, "id");
        return subscriber -> new DocumentWatch(id, documents, events, scheduler, config, recorder)
                .subscribe(Objects.requireNonNull(subscriber, "subscriber"));
    }
}
