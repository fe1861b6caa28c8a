package io.docverify.grpc.store;

import io.docverify.grpc.config.DatabaseSettings;
import io.docverify.ports.stream.Completions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the stores need on a schedule: this replica's journal lease renewed every third of
 * {@link DatabaseSettings#lease()} (so its running uploads do not read as abandoned), the database pinged every
 * {@link DatabaseSettings#healthInterval()} (its answer, or its silence, is the service's health), and the
 * idempotency records past their window and old processed webhook events pruned every {@link #PRUNE_EVERY}.
 * {@link #close()} stops it all (not the scheduler, which is the caller's).
 */
public final class StoreMaintenance implements AutoCloseable {
    /** How often the stores are pruned. */
    public static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(StoreMaintenance.class);

    private final ServiceStores stores;
    private final DatabaseSettings settings;
    private final Duration inboxRetention;
    private final Clock clock;
    private final Consumer<Boolean> reachable;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    /**
     * @param inboxRetention how long processed webhook events are kept (the replay window)
     * @param reachable      told {@code false} when the database stops answering and {@code true} when it answers
     *                       again (only on a change); never called for the in-memory stores
     */
    public StoreMaintenance(ServiceStores stores, DatabaseSettings settings, Duration inboxRetention, Clock clock,
            Consumer<Boolean> reachable) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.inboxRetention = Objects.requireNonNull(inboxRetention, "inboxRetention");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reachable = Objects.requireNonNull(reachable, "reachable");
    }

    /** Starts the schedule on {@code scheduler}. */
    public synchronized StoreMaintenance start(ScheduledExecutorService scheduler) {
        long renewEvery = Math.max(1, settings.lease().toMillis() / 3);
        tasks.add(scheduler.scheduleAtFixedRate(this::renewLease, renewEvery, renewEvery, TimeUnit.MILLISECONDS));
        if (stores.durable()) {
            long pingEvery = settings.healthInterval().toMillis();
            tasks.add(scheduler.scheduleWithFixedDelay(this::ping, pingEvery, pingEvery, TimeUnit.MILLISECONDS));
        }
        long pruneEvery = PRUNE_EVERY.toMillis();
        tasks.add(scheduler.scheduleWithFixedDelay(this::prune, pruneEvery, pruneEvery, TimeUnit.MILLISECONDS));
        return this;
    }

    /** Whether the database answered the last ping (always true in memory). */
    public boolean reachable() {
        return up.get();
    }

    private void renewLease() {
        try {
            stores.journal().renewLease(stores.replica(), settings.lease()).whenComplete((v, error) -> {
                if (error != null) {
                    LOG.atWarn().addKeyValue("event", "store.leaseFailed").log("this replica's lease could not be"
                            + " renewed: " + Completions.unwrap(error).getClass().getSimpleName());
                }
            });
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("event", "store.leaseFailed").log("this replica's lease could not be renewed: "
                    + e.getClass().getSimpleName());
        }
    }

    /** Pings the database once now; tells {@code reachable} of a change. */
    public void ping() {
        try {
            stores.ping().whenComplete((v, error) -> changed(error == null));
        } catch (RuntimeException e) {
            changed(false);
        }
    }

    private void changed(boolean answered) {
        if (up.getAndSet(answered) == answered) {
            return;
        }
        if (answered) {
            LOG.atInfo().addKeyValue("event", "store.reachable").log("the database answers again; serving");
        } else {
            LOG.atWarn().addKeyValue("event", "store.unreachable").log("the database does not answer; health is "
                    + "NOT_SERVING and uploads and webhooks are refused as unavailable until it does");
        }
        reachable.accept(answered);
    }

    /** Prunes now: what the hourly schedule runs (idempotency records, webhook events, journal entries). */
    public void prune() {
        pruned("the stores", () -> stores.prune(clock.instant(), clock.instant().minus(inboxRetention)),
                "store.pruned", "records", "idempotency records past their window removed");
        settings.journalRetention().ifPresent(retention -> pruned("the journal",
                () -> stores.journal().prune(clock.instant().minus(retention)), "store.journalPruned", "entries",
                "journal entries older than DOCVERIFY_DATABASE_JOURNAL_RETENTION removed"));
    }

    /** Runs one prune; logs what it removed (nothing when nothing) or, in one line, why it failed. */
    private static void pruned(String what, Supplier<CompletionStage<? extends Number>> prune, String event,
            String counted, String removed) {
        try {
            prune.get().whenComplete((n, error) -> {
                if (error != null) {
                    failed(what, Completions.unwrap(error));
                } else if (n.longValue() > 0) {
                    LOG.atInfo().addKeyValue("event", event).addKeyValue(counted, n).log(removed);
                }
            });
        } catch (RuntimeException e) {
            failed(what, e);
        }
    }

    private static void failed(String what, Throwable error) {
        LOG.atWarn().addKeyValue("event", "store.pruneFailed").log(what + " could not be pruned: "
                + error.getClass().getSimpleName());
    }

    @Override
    public synchronized void close() {
        tasks.forEach(t -> t.cancel(false));
        tasks.clear();
    }
}
