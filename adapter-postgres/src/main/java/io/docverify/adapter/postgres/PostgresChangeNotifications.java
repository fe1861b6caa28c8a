package io.docverify.adapter.postgres;

import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.ports.out.ChangeNotifications;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChangeNotifications} over PostgreSQL's LISTEN/NOTIFY: a notice is a {@code pg_notify} on channel
 * {@value #CHANNEL} (sent by the caller after its change committed; PostgreSQL delivers a notification only once its
 * own transaction commits) with a small JSON payload (document id, owner, journal sequence, origin replica: ids only,
 * far below PostgreSQL's 8000-byte limit). Every replica LISTENs on one dedicated connection ({@link PgSubscriber});
 * when that connection is lost it reconnects with a growing pause (up to 5 s) for as long as it takes, LISTENs again
 * and then calls every listener's {@link Listener#reconnected()}, since notifications sent meanwhile are lost.
 * Listeners are called on the subscriber's event-loop thread, in the order the notices arrive.
 */
public final class PostgresChangeNotifications implements ChangeNotifications {
    /** The channel every replica LISTENs on. */
    public static final String CHANNEL = "docverify_changes";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeNotifications.class);

    private final Pool pool;
    private final PgSubscriber subscriber;
    private final String replica;
    private final Duration limit;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean listenedBefore = new AtomicBoolean();
    private final CompletableFuture<Void> listening = new CompletableFuture<>();

    PostgresChangeNotifications(Pool pool, PgSubscriber subscriber, String replica, Duration limit) {
        this.pool = pool;
        this.subscriber = subscriber;
        this.replica = replica;
        this.limit = limit;
        subscriber.reconnectPolicy(retries -> Math.min(100L << Math.min(retries, 6), 5_000L));
        subscriber.channel(CHANNEL).handler(this::received).subscribeHandler(v -> subscribed());
    }

    /** Connects the subscriber; the stage completes once it LISTENs. */
    CompletionStage<Void> listen() {
        subscriber.connect().onFailure(listening::completeExceptionally);
        return listening;
    }

    @Override
    public String replica() {
        return replica;
    }

    @Override
    public CompletionStage<Void> notifyChanged(Optional<DocumentId> document, OwnerId owner, long sequence) {
        new Notice(document, owner, sequence, replica); // checks the arguments before anything is sent
        JsonObject payload = new JsonObject().put("document", document.map(DocumentId::value).orElse(null))
                .put("ownerKind", owner.kind()).put("owner", owner.value()).put("sequence", sequence)
                .put("origin", replica);
        var sent = pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload.encode()))
                .<Void>mapEmpty();
        return Sql.call(sent, limit, "the change could not be announced");
    }

    @Override
    public Subscription subscribe(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Listener own = new Listener() {
            @Override
            public void changed(Notice notice) {
                listener.changed(notice);
            }

            @Override
            public void reconnected() {
                listener.reconnected();
            }
        };
        listeners.add(own);
        return () -> listeners.remove(own);
    }

    /** Whether the LISTEN connection is up now (for health). */
    public boolean listening() {
        return listening.isDone() && !listening.isCompletedExceptionally() && !subscriber.closed()
                && subscriber.actualConnection() != null;
    }

    private void subscribed() {
        listening.complete(null);
        if (listenedBefore.getAndSet(true)) {
            LOG.info("change notifications: listening again after a lost connection; listeners catch up");
            for (Listener listener : listeners) {
                try {
                    listener.reconnected();
                } catch (RuntimeException e) {
                    LOG.warn("a change listener failed on reconnect with {}", e.getClass().getName());
                }
            }
        }
    }

    private void received(String payload) {
        Notice notice;
        try {
            JsonObject json = new JsonObject(payload);
            notice = new Notice(Optional.ofNullable(json.getString("document")).map(DocumentId::new),
                    Sql.owner(json.getString("ownerKind"), json.getString("owner")), json.getLong("sequence"),
                    json.getString("origin"));
        } catch (RuntimeException e) {
            LOG.warn("change notifications: a notification on {} that is not a notice was ignored ({})", CHANNEL,
                    e.getClass().getSimpleName());
            return;
        }
        for (Listener listener : listeners) {
            try {
                listener.changed(notice);
            } catch (RuntimeException e) {
                LOG.warn("a change listener failed with {}; the others still hear the notice",
                        e.getClass().getName());
            }
        }
    }
}
