package io.docverify.grpc.store;

import io.docverify.adapter.inmemory.store.InMemoryChangeNotifications;
import io.docverify.adapter.inmemory.store.InMemoryIdempotencyRecords;
import io.docverify.adapter.inmemory.store.InMemoryJournal;
import io.docverify.adapter.inmemory.store.InMemoryWebhookInbox;
import io.docverify.adapter.postgres.PostgresStores;
import io.docverify.adapter.postgres.SchemaTooNewException;
import io.docverify.grpc.config.DatabaseSettings;
import io.docverify.grpc.config.WebhookSettings;
import io.docverify.ports.out.ChangeNotifications;
import io.docverify.ports.out.IdempotencyRecords;
import io.docverify.ports.out.Journal;
import io.docverify.ports.out.WebhookInbox;
import io.docverify.ports.stream.Completions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stores of the service's own state, as one replica uses them: the audit {@link Journal} (also what the
 * {@code ListDocumentHistory} RPC reads), the {@link WebhookInbox}, the service's {@link IdempotencyRecords} and the
 * cross-replica {@link ChangeNotifications}. PostgreSQL's when {@code DOCVERIFY_DATABASE_URL} is set
 * ({@link #postgres()} present), else the bounded in-memory ones of adapter-inmemory.
 *
 * @param replica this replica's id ({@code DOCVERIFY_REPLICA_ID} or host name and a random suffix)
 * @param window  how long an idempotency record is kept from its claim (for pruning)
 */
public record ServiceStores(Journal journal, WebhookInbox inbox, IdempotencyRecords idempotency,
        ChangeNotifications notifications, String replica, Duration window, Optional<PostgresStores> postgres)
        implements AutoCloseable {
    /** How long a start waits for the database (migrations included). */
    static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** How long the in-memory idempotency records are kept, as Dwolla's own idempotency keys. */
    static final Duration IN_MEMORY_WINDOW = Duration.ofHours(24);

    public ServiceStores {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(postgres, "postgres");
    }

    /** The in-memory stores (the embedded default: bounded, lost at exit). */
    public static ServiceStores inMemory(DatabaseSettings database, WebhookSettings webhook, Clock clock) {
        return new ServiceStores(new InMemoryJournal(clock, InMemoryJournal.DEFAULT_MAX_ENTRIES),
                new InMemoryWebhookInbox(clock, webhook.replayWindow(), webhook.maxInboxEvents()),
                new InMemoryIdempotencyRecords(clock, IN_MEMORY_WINDOW, InMemoryIdempotencyRecords.DEFAULT_MAX_RECORDS),
                new InMemoryChangeNotifications(database.replicaId()), database.replicaId(), IN_MEMORY_WINDOW,
                Optional.empty());
    }

    /**
     * The configured stores, started: PostgreSQL's (migrated, listening, this replica's lease taken) when a database
     * is configured, else the in-memory ones.
     *
     * @throws IOException with a one-line message when the database cannot be reached or its schema is newer than
     *                     this code (the message names the URL, never the password)
     */
    public static ServiceStores start(DatabaseSettings database, WebhookSettings webhook, Clock clock)
            throws IOException {
        if (database.postgres().isEmpty()) {
            ServiceStores stores = inMemory(database, webhook, clock);
            stores.journal().renewLease(database.replicaId(), database.lease());
            return stores;
        }
        var config = database.postgres().get();
        PostgresStores started;
        try {
            started = PostgresStores.start(config, database.replicaId(), clock).toCompletableFuture()
                    .get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
            started.journal().renewLease(database.replicaId(), database.lease()).toCompletableFuture()
                    .get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Completions.unwrap(e.getCause());
            if (cause instanceof SchemaTooNewException) {
                throw new IOException("the database at " + config.url() + " has a schema newer than this docverify"
                        + " (" + cause.getMessage() + "): run a docverify at least as new, or another database");
            }
            throw new IOException("cannot start the PostgreSQL stores at " + config.url() + " (DOCVERIFY_DATABASE_*): "
                    + describe(cause));
        } catch (TimeoutException e) {
            throw new IOException("the PostgreSQL stores at " + config.url() + " did not start within "
                    + START_LIMIT.toSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the PostgreSQL stores");
        }
        return new ServiceStores(started.journal(), started.webhookInbox(), started.idempotencyRecords(),
                started.changeNotifications(), database.replicaId(), config.idempotencyWindow(),
                Optional.of(started));
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return root == cause ? text : text + " (" + root.getClass().getSimpleName() + ")";
    }

    /** Whether the stores are PostgreSQL's. */
    public boolean durable() {
        return postgres.isPresent();
    }

    /** Completes when the database answers (at once for the in-memory stores). */
    public CompletionStage<Void> ping() {
        return postgres.map(PostgresStores::ping).orElse(CompletableFuture.completedFuture(null));
    }

    /**
     * Removes idempotency records past their window and, with PostgreSQL, processed webhook events created before
     * {@code inboxBefore}; completes with the records removed.
     */
    public CompletionStage<Integer> prune(Instant now, Instant inboxBefore) {
        CompletionStage<Integer> records = idempotency.prune(now.minus(window));
        return postgres.<CompletionStage<Integer>>map(p -> records.thenCompose(n ->
                p.webhookInbox().prune(inboxBefore).thenApply(m -> n))).orElse(records);
    }

    /** Closes the PostgreSQL stores' connections; nothing for the in-memory ones. */
    @Override
    public void close() {
        postgres.ifPresent(PostgresStores::close);
    }
}
