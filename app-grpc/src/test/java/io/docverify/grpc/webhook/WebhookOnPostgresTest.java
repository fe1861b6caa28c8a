package io.docverify.grpc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.adapter.postgres.PostgresConfig;
import io.docverify.adapter.postgres.PostgresStores;
import io.docverify.adapter.postgres.RestartablePostgres;
import io.docverify.adapter.postgres.TestDatabase;
import io.docverify.domain.Document;
import io.docverify.ports.out.WebhookInbox.Status;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook intake on the PostgreSQL inbox (a real server of this class's own, stopped and started again): a
 * webhook is recorded before it is answered 200; with the database down it is answered 503 and nothing is applied,
 * so Dwolla retries; once the database is back, that retry is recorded, answered 200 and applied, and a second
 * delivery of an event already recorded is answered 200 and applied no second time.
 */
class WebhookOnPostgresTest {
    private RestartablePostgres postgres;
    private PostgresStores stores;

    @AfterEach
    void stop() throws IOException {
        if (stores != null) {
            stores.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aWebhookIsRecordedBeforeItsAnswerAndWithTheDatabaseDownIs503UntilItsRetryIsRecorded() throws Exception {
        postgres = RestartablePostgres.start();
        PostgresConfig db = postgres.newDatabase();
        db = new PostgresConfig(db.url(), db.user(), db.password(), 2, Duration.ofSeconds(1), Duration.ofSeconds(2),
                db.idempotencyWindow());
        stores = TestDatabase.start(db, "replica-webhook-test", Clock.systemUTC());
        try (var h = new WebhookHarness(stores.webhookInbox(), Optional.empty())) {
            Document first = h.pendingDocument();
            Document second = h.pendingDocument();
            String before = WebhookHarness.event("e-before", "customer_verification_document_uploaded", first,
                    Instant.now());

            assertThat(h.post(before, WebhookHarness.SECRET).statusCode()).isEqualTo(200);
            assertThat(h.inbox.status("e-before").toCompletableFuture().join()).isNotEqualTo(Status.UNKNOWN);
            await().atMost(Duration.ofSeconds(10)).until(() -> h.applied.size() == 1);

            postgres.stop();
            String during = WebhookHarness.event("e-during", "customer_verification_document_uploaded", second,
                    Instant.now());

            assertThat(h.post(during, WebhookHarness.SECRET).statusCode()).isEqualTo(503);
            assertThat(h.received("failed")).isEqualTo(1);
            assertThat(h.applied).hasSize(1);

            postgres.restart();
            // Dwolla's retry of the refused delivery, once the database answers again.
            await().atMost(Duration.ofSeconds(30)).until(() -> h.post(during, WebhookHarness.SECRET)
                    .statusCode() == 200);
            await().atMost(Duration.ofSeconds(10)).until(() -> h.inbox.status("e-during").toCompletableFuture()
                    .join() == Status.PROCESSED);
            assertThat(h.applied).extracting(e -> e.id()).containsExactly("e-before", "e-during");

            assertThat(h.post(before, WebhookHarness.SECRET).statusCode()).isEqualTo(200);
            assertThat(h.received("duplicate")).isEqualTo(1);
            assertThat(h.applied).hasSize(2);
        }
    }
}
