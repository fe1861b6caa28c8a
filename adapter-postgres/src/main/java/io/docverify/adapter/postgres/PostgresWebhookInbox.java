package io.docverify.adapter.postgres;

import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox;
import io.docverify.ports.out.WebhookInboxException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link WebhookInbox} in PostgreSQL's {@code webhook_inbox}: the event id is its primary key, so of two records
 * of one id (on one replica or two) exactly one inserts. Kept until {@link #prune}d; a failure of the database is a
 * {@link WebhookInboxException} (the receiver answers 503) whose cause says why.
 */
public final class PostgresWebhookInbox implements WebhookInbox {
    private final Pool pool;
    private final Clock clock;
    private final Duration limit;

    PostgresWebhookInbox(Pool pool, Clock clock, Duration limit) {
        this.pool = pool;
        this.clock = clock;
        this.limit = limit;
    }

    @Override
    public CompletionStage<Recorded> record(ProviderEvent event) {
        Objects.requireNonNull(event, "event");
        var inserted = pool.preparedQuery("INSERT INTO webhook_inbox (event_id, created, topic, resource_id,"
                + " resource_href, customer_href, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                + " ON CONFLICT (event_id) DO NOTHING").execute(row(event))
                .map(rows -> rows.rowCount() == 1 ? Recorded.NEW : Recorded.DUPLICATE);
        return inbox(Sql.call(inserted, limit, "the webhook inbox could not record an event"));
    }

    @Override
    public CompletionStage<Void> markProcessed(ProviderEvent event) {
        Objects.requireNonNull(event, "event");
        Tuple args = row(event).addValue(Sql.time(clock.instant()));
        var marked = pool.preparedQuery("INSERT INTO webhook_inbox (event_id, created, topic, resource_id,"
                + " resource_href, customer_href, received_at, processed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                + " ON CONFLICT (event_id) DO UPDATE SET processed_at = COALESCE(webhook_inbox.processed_at,"
                + " EXCLUDED.processed_at)").execute(args).<Void>mapEmpty();
        return inbox(Sql.call(marked, limit, "the webhook inbox could not mark an event processed"));
    }

    @Override
    public CompletionStage<Optional<ProviderEvent>> lastProcessed() {
        var last = pool.query("SELECT * FROM webhook_inbox WHERE processed_at IS NOT NULL"
                + " ORDER BY created DESC, event_id DESC LIMIT 1").execute()
                .map(rows -> rows.rowCount() == 0 ? Optional.<ProviderEvent>empty()
                        : Optional.of(event(rows.iterator().next())));
        return inbox(Sql.call(last, limit, "the webhook inbox could not read its last processed event"));
    }

    @Override
    public CompletionStage<Status> status(String eventId) {
        Objects.requireNonNull(eventId, "eventId");
        var status = pool.preparedQuery("SELECT processed_at IS NOT NULL AS processed FROM webhook_inbox"
                + " WHERE event_id = $1").execute(Tuple.of(eventId))
                .map(rows -> rows.rowCount() == 0 ? Status.UNKNOWN
                        : rows.iterator().next().getBoolean(0) ? Status.PROCESSED : Status.RECORDED);
        return inbox(Sql.call(status, limit, "the webhook inbox could not read an event's status"));
    }

    @Override
    public CompletionStage<List<ProviderEvent>> unprocessed(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + count);
        }
        var events = pool.preparedQuery("SELECT * FROM webhook_inbox WHERE processed_at IS NULL"
                + " ORDER BY created, event_id LIMIT $1").execute(Tuple.of(count))
                .map(rows -> {
                    var list = new ArrayList<ProviderEvent>(rows.size());
                    rows.forEach(r -> list.add(event(r)));
                    return List.copyOf(list);
                });
        return inbox(Sql.call(events, limit, "the webhook inbox could not read its unprocessed events"));
    }

    /** Removes the events created before {@code before} (the receiver's replay window refuses them anyway). */
    public CompletionStage<Integer> prune(Instant before) {
        Objects.requireNonNull(before, "before");
        var pruned = pool.preparedQuery("DELETE FROM webhook_inbox WHERE created < $1 AND processed_at IS NOT NULL")
                .execute(Tuple.of(Sql.time(before))).map(rows -> rows.rowCount());
        return inbox(Sql.call(pruned, limit, "the webhook inbox could not prune"));
    }

    private Tuple row(ProviderEvent e) {
        return Tuple.of(e.id(), Sql.time(e.created()), e.topic(), e.resourceId(),
                e.resource().map(URI::toString).orElse(null), e.customer().map(URI::toString).orElse(null))
                .addValue(Sql.time(clock.instant()));
    }

    private static ProviderEvent event(Row row) {
        return new ProviderEvent(row.getString("event_id"), Sql.instant(row.getOffsetDateTime("created")),
                row.getString("topic"), row.getString("resource_id"),
                Optional.ofNullable(row.getString("resource_href")).map(URI::create),
                Optional.ofNullable(row.getString("customer_href")).map(URI::create));
    }

    /** The inbox's own failure type, as its port promises. */
    private static <T> CompletionStage<T> inbox(CompletionStage<T> stage) {
        var result = new CompletableFuture<T>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(new WebhookInboxException(failure.getMessage(), failure));
            }
        });
        return result;
    }
}
