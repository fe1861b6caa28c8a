package io.docverify.application;

import io.docverify.ports.out.EventFeed;
import io.docverify.ports.out.EventPage;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox;
import io.docverify.ports.stream.Completions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Repairs what webhooks missed: pages the provider's event feed ({@code GET /events}, newest first) back to the
 * inbox's last processed event, as it was when the run began (without one: back {@link Settings#lookback()}), and
 * applies every event on the way that the inbox does not hold as processed, together with the inbox's own
 * unprocessed events (whose reads failed), oldest first, one at a time, through the {@link WebhookProcessor}.
 * At most {@link Settings#maxEvents()} events are read per run; a run that stops there says so
 * ({@link Result#complete()} false) and the next run continues from the new last processed event.
 *
 * <p>One run at a time: {@link #run()} while a run is going answers that run's stage. Thread-safe.
 */
public final class Reconciler {
    /**
     * How far a run reads.
     *
     * @param lookback  without a last processed event, how far back a run reads; more than zero
     * @param maxEvents the most events one run reads from the feed; at least 1
     * @param pageSize  events per page, 1 to {@link EventFeed#MAX_LIMIT}
     */
    public record Settings(Duration lookback, int maxEvents, int pageSize) {
        /** Dwolla's retry window (72 h) and a margin; 2000 events; pages of 200. */
        public static final Settings DEFAULTS = new Settings(Duration.ofHours(73), 2000, EventFeed.MAX_LIMIT);

        public Settings {
            Objects.requireNonNull(lookback, "lookback");
            if (lookback.isNegative() || lookback.isZero()) {
                throw new IllegalArgumentException("lookback must be more than zero: " + lookback);
            }
            if (maxEvents < 1) {
                throw new IllegalArgumentException("maxEvents must be at least 1: " + maxEvents);
            }
            if (pageSize < 1 || pageSize > EventFeed.MAX_LIMIT) {
                throw new IllegalArgumentException("pageSize must be 1 to " + EventFeed.MAX_LIMIT + ": " + pageSize);
            }
        }
    }

    /**
     * What a run did.
     *
     * @param read     events read from the feed
     * @param applied  events handed to the processor (unseen or unprocessed)
     * @param failed   of those, how many failed (they stay unprocessed)
     * @param complete true if the run reached its stop point (the last processed event, the lookback or the end of
     *                 the feed); false if it stopped at {@link Settings#maxEvents()}
     */
    public record Result(int read, int applied, int failed, boolean complete) {
    }

    private static final Comparator<ProviderEvent> OLDEST_FIRST = Comparator.comparing(ProviderEvent::created)
            .thenComparing(ProviderEvent::id);

    private final EventFeed feed;
    private final WebhookInbox inbox;
    private final WebhookProcessor processor;
    private final Clock clock;
    private final Settings settings;

    // Guarded by this.
    private CompletableFuture<Result> running;

    public Reconciler(EventFeed feed, WebhookInbox inbox, WebhookProcessor processor, Clock clock,
            Settings settings) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Starts a run, or answers the one going; fails if the feed or the inbox cannot be read. */
    public CompletionStage<Result> run() {
        CompletableFuture<Result> run;
        synchronized (this) {
            if (running != null) {
                return running.minimalCompletionStage();
            }
            run = new CompletableFuture<>();
            running = run;
        }
        CompletionStage<Result> work;
        try {
            work = inbox.lastProcessed().thenCompose(this::collect).thenCompose(this::apply);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((result, error) -> {
            synchronized (this) {
                running = null;
            }
            if (error != null) {
                run.completeExceptionally(Completions.unwrap(error));
            } else {
                run.complete(result);
            }
        });
        return run.minimalCompletionStage();
    }

    /** The events to apply and how many were read. */
    private record Found(Map<String, ProviderEvent> events, int read, boolean complete) {
    }

    private CompletionStage<Found> collect(Optional<ProviderEvent> last) {
        Instant horizon = last.map(ProviderEvent::created).orElse(clock.instant().minus(settings.lookback()));
        var found = new LinkedHashMap<String, ProviderEvent>();
        return page(0, last, horizon, found, 0).thenCompose(state -> inbox.unprocessed(settings.maxEvents())
                .thenApply(unprocessed -> {
                    unprocessed.forEach(e -> state.events().putIfAbsent(e.id(), e));
                    return state;
                }));
    }

    private CompletionStage<Found> page(int offset, Optional<ProviderEvent> last, Instant horizon,
            Map<String, ProviderEvent> found, int read) {
        int limit = Math.min(settings.pageSize(), settings.maxEvents() - read);
        return feed.page(offset, limit).thenCompose(page -> scan(page, offset, limit, last, horizon, found, read));
    }

    private CompletionStage<Found> scan(EventPage page, int offset, int limit, Optional<ProviderEvent> last,
            Instant horizon, Map<String, ProviderEvent> found, int readBefore) {
        int read = readBefore;
        var candidates = new ArrayList<ProviderEvent>();
        boolean reachedStop = false;
        for (ProviderEvent event : page.events()) {
            if (last.isPresent() && event.id().equals(last.get().id()) || event.created().isBefore(horizon)) {
                reachedStop = true;
                break;
            }
            read++;
            candidates.add(event);
        }
        int readNow = read;
        boolean endOfFeed = page.events().size() < limit || offset + page.events().size() >= page.total();
        CompletionStage<Void> checked = CompletableFuture.completedFuture(null);
        for (ProviderEvent candidate : candidates) {
            checked = checked.thenCompose(v -> inbox.status(candidate.id()).thenAccept(status -> {
                if (status != WebhookInbox.Status.PROCESSED) {
                    found.putIfAbsent(candidate.id(), candidate);
                }
            }));
        }
        boolean stop = reachedStop || endOfFeed;
        return checked.thenCompose(v -> {
            if (stop) {
                return CompletableFuture.completedFuture(new Found(found, readNow, true));
            }
            if (readNow >= settings.maxEvents()) {
                return CompletableFuture.completedFuture(new Found(found, readNow, false));
            }
            return page(offset + page.events().size(), last, horizon, found, readNow);
        });
    }

    private CompletionStage<Result> apply(Found found) {
        List<ProviderEvent> events = new ArrayList<>(found.events().values());
        events.sort(OLDEST_FIRST);
        int[] failed = {0};
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (ProviderEvent event : events) {
            chain = chain.thenCompose(v -> inbox.record(event).thenCompose(recorded -> processor.process(event,
                    io.docverify.ports.out.DocumentChange.Source.RECONCILIATION))
                    .handle((outcome, error) -> {
                        if (error != null || outcome == WebhookProcessor.Outcome.FAILED) {
                            failed[0]++;
                        }
                        return null;
                    }));
        }
        return chain.thenApply(v -> new Result(found.read(), events.size(), failed[0], found.complete()));
    }
}
