package io.docverify.adapter.postgres;

import io.docverify.ports.out.ChangeNotifications;
import io.docverify.ports.out.IdempotencyRecords;
import io.docverify.ports.out.Journal;
import io.docverify.ports.out.StoreUnavailableException;
import io.docverify.ports.out.WebhookInbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.pgclient.PgBuilder;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL stores of one replica, over one database: migrates the schema at {@link #start} (refusing a schema
 * newer than the code), then serves the {@link WebhookInbox}, the {@link Journal}, the {@link IdempotencyRecords} and
 * the {@link ChangeNotifications} over one reactive connection pool (plus one connection that LISTENs). Every
 * statement is bounded by the configured query time limit, on the server ({@code statement_timeout}) and in the
 * client; a lost or slow database fails the stores' stages with {@link StoreUnavailableException} (the inbox's with
 * its own {@code WebhookInboxException}), and the pool connects again by itself once the database is back.
 */
public final class PostgresStores implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStores.class);

    private final Vertx vertx;
    private final boolean ownVertx;
    private final Pool pool;
    private final PgSubscriber subscriber;
    private final PostgresWebhookInbox inbox;
    private final PostgresJournal journal;
    private final PostgresIdempotencyRecords records;
    private final PostgresChangeNotifications notifications;
    private final PostgresConfig config;

    private PostgresStores(Vertx vertx, boolean ownVertx, PostgresConfig config, String replica, Clock clock) {
        this.vertx = vertx;
        this.ownVertx = ownVertx;
        this.config = config;
        PgConnectOptions connect = PgConnectOptions.fromUri(config.url()).setUser(config.user())
                .setPassword(config.password())
                .setProperties(Map.of("statement_timeout", Long.toString(config.queryTimeout().toMillis()),
                        "application_name", "docverify " + replica));
        this.pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(config.poolSize())
                        .setConnectionTimeout((int) config.connectTimeout().toMillis())
                        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                .with(new NetClientOptions().setConnectTimeout(
                        (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis())))
                .connectingTo(connect).using(vertx).build();
        this.subscriber = PgSubscriber.subscriber(vertx, connect);
        var limit = config.queryTimeout().plus(config.connectTimeout());
        this.inbox = new PostgresWebhookInbox(pool, clock, limit);
        this.journal = new PostgresJournal(pool, clock, limit);
        this.records = new PostgresIdempotencyRecords(pool, clock, config.idempotencyWindow(), limit);
        this.notifications = new PostgresChangeNotifications(pool, subscriber, replica, limit);
    }

    /** {@link #start(PostgresConfig, String, Clock, Vertx)} on a Vert.x of its own, closed with the stores. */
    public static CompletionStage<PostgresStores> start(PostgresConfig config, String replica, Clock clock) {
        return start(config, replica, clock, null);
    }

    /**
     * Migrates the database (on a worker thread: Flyway is JDBC), then opens the pool and LISTENs. Fails with
     * {@link SchemaTooNewException} on a newer schema, with {@link StoreUnavailableException} when the database
     * cannot be reached.
     *
     * @param replica this replica's id (the origin of its notices, the holder of its lease)
     * @param vertx   the Vert.x to run on, or null for one of the stores' own
     */
    public static CompletionStage<PostgresStores> start(PostgresConfig config, String replica, Clock clock,
            Vertx vertx) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(clock, "clock");
        Vertx running = vertx == null ? Vertx.vertx() : vertx;
        var started = new CompletableFuture<PostgresStores>();
        running.<String>executeBlocking(() -> Migrations.migrate(config), false)
                .compose(version -> {
                    LOG.info("PostgreSQL stores: schema at version {} ({})", version, config.url());
                    var stores = new PostgresStores(running, vertx == null, config, replica, clock);
                    return Future.fromCompletionStage(stores.notifications.listen()).map(v -> stores)
                            .onFailure(e -> stores.close());
                })
                .onSuccess(started::complete)
                .onFailure(e -> {
                    if (vertx == null) {
                        running.close();
                    }
                    started.completeExceptionally(e instanceof SchemaTooNewException ? e
                            : new StoreUnavailableException("the PostgreSQL stores could not start: "
                                    + e.getClass().getSimpleName(), e));
                });
        return started;
    }

    /** The webhook inbox. */
    public PostgresWebhookInbox webhookInbox() {
        return inbox;
    }

    /** The audit journal. */
    public Journal journal() {
        return journal;
    }

    /** The service's idempotency records. */
    public IdempotencyRecords idempotencyRecords() {
        return records;
    }

    /** The cross-replica change notifications. */
    public PostgresChangeNotifications changeNotifications() {
        return notifications;
    }

    /** The pool (for this package's tests). */
    Pool pool() {
        return pool;
    }

    /** The configuration (its {@code toString} shows no password). */
    public PostgresConfig config() {
        return config;
    }

    /** Completes when the database answers a trivial query within the time limit (for health checks). */
    public CompletionStage<Void> ping() {
        return Sql.call(pool.query("SELECT 1").execute().<Void>mapEmpty(),
                config.queryTimeout().plus(config.connectTimeout()), "the database did not answer");
    }

    /** Closes the pool and the LISTEN connection (and the Vert.x, if it is the stores' own); does not wait. */
    @Override
    public void close() {
        subscriber.close();
        pool.close();
        if (ownVertx) {
            vertx.close();
        }
    }
}
