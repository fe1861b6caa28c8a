package io.docverify.application;

import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A plain, unbounded inbox for the application's tests (adapter-inmemory has the real one). */
final class MapInbox implements WebhookInbox {
    private final Map<String, ProviderEvent> recorded = new HashMap<>();
    private final Map<String, ProviderEvent> processed = new HashMap<>();

    @Override
    public synchronized CompletionStage<Recorded> record(ProviderEvent event) {
        if (recorded.containsKey(event.id()) || processed.containsKey(event.id())) {
            return CompletableFuture.completedFuture(Recorded.DUPLICATE);
        }
        recorded.put(event.id(), event);
        return CompletableFuture.completedFuture(Recorded.NEW);
    }

    @Override
    public synchronized CompletionStage<Void> markProcessed(ProviderEvent event) {
        recorded.remove(event.id());
        processed.put(event.id(), event);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Optional<ProviderEvent>> lastProcessed() {
        return CompletableFuture.completedFuture(processed.values().stream()
                .max(Comparator.comparing(ProviderEvent::created).thenComparing(ProviderEvent::id)));
    }

    @Override
    public synchronized CompletionStage<Status> status(String eventId) {
        return CompletableFuture.completedFuture(processed.containsKey(eventId) ? Status.PROCESSED
                : recorded.containsKey(eventId) ? Status.RECORDED : Status.UNKNOWN);
    }

    @Override
    public synchronized CompletionStage<List<ProviderEvent>> unprocessed(int limit) {
        return CompletableFuture.completedFuture(recorded.values().stream()
                .sorted(Comparator.comparing(ProviderEvent::created)).limit(limit).toList());
    }
}
