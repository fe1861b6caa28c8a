package io.docverify.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.ports.out.ChangeNotifications;
import io.docverify.ports.out.ChangeNotifications.Notice;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.KeyHash;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.StoreUnavailableException;
import io.docverify.ports.out.WebhookInboxException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under the stores and started again on the same data directory and port: meanwhile every store
 * fails with its typed "unavailable" error and records nothing; afterwards they work again by themselves, the
 * listener hears {@code reconnected} and then new notices, and what was recorded before the outage is still there.
 */
class OutageTest {
    private RestartablePostgres server;
    private PostgresStores stores;

    @AfterEach
    void stop() throws IOException {
        if (stores != null) {
            stores.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void whileTheDatabaseIsDownEveryStoreFailsTypedAndAfterwardsAllWorksAgain() throws Exception {
        server = RestartablePostgres.start();
        PostgresConfig base = server.newDatabase();
        PostgresConfig config = new PostgresConfig(base.url(), base.user(), base.password(), 2,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofHours(24));
        stores = TestDatabase.start(config, "replica-a", Clock.systemUTC());
        var reconnects = new AtomicInteger();
        BlockingQueue<Notice> heard = new LinkedBlockingQueue<>();
        stores.changeNotifications().subscribe(new ChangeNotifications.Listener() {
            @Override
            public void changed(Notice notice) {
                heard.add(notice);
            }

            @Override
            public void reconnected() {
                reconnects.incrementAndGet();
            }
        });
        long before = value(stores.journal().changed(change("before")));

        server.stop();

        assertThat(failure(stores.journal().changed(change("during")))).isInstanceOf(StoreUnavailableException.class)
                .hasMessageNotContaining(config.url());
        assertThat(failure(stores.idempotencyRecords().claim("ops", KeyHash.of(new IdempotencyKey("k")), "f",
                Duration.ofMinutes(1)))).isInstanceOf(StoreUnavailableException.class);
        assertThat(failure(stores.webhookInbox().record(new ProviderEvent("e-1", Instant.now(),
                "customer_verified", "c-1", Optional.empty(), Optional.empty()))))
                .isInstanceOf(WebhookInboxException.class).hasCauseInstanceOf(StoreUnavailableException.class);
        assertThat(failure(stores.changeNotifications().notifyChanged(new DocumentId("d-1"), new CustomerId("c-1"), 1)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(failure(stores.ping())).isInstanceOf(StoreUnavailableException.class);

        server.restart();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> succeeds(stores.ping()));
        long after = value(stores.journal().changed(change("after")));
        await().atMost(Duration.ofSeconds(30)).until(() -> reconnects.get() == 1);
        value(stores.changeNotifications().notifyChanged(new DocumentId("d-2"), new CustomerId("c-1"), after));
        assertThat(heard.poll(10, TimeUnit.SECONDS)).extracting(Notice::sequence).isEqualTo(after);
        assertThat(value(stores.journal().history(HistoryQuery.of(new CustomerId("c-1")))).entries())
                .extracting(e -> e.sequence()).containsExactly(before, after);
    }


    private static DocumentChange change(String event) {
        return new DocumentChange.OwnerStatusChanged(new CustomerId("c-1"), CustomerStatus.VERIFIED,
                DocumentChange.Source.WEBHOOK, Optional.of(event), Instant.now());
    }

    private static boolean succeeds(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Throwable failure(CompletionStage<?> stage) {
        assertThatThrownBy(() -> stage.toCompletableFuture().get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        try {
            stage.toCompletableFuture().get();
            throw new AssertionError("unreachable");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T value(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
