package io.docverify.grpc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.adapter.postgres.PostgresConfig;
import io.docverify.adapter.postgres.PostgresStores;
import io.docverify.adapter.postgres.TestDatabase;
import io.docverify.domain.Document;
import io.docverify.ports.out.WebhookInbox.Status;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook intake on the PostgreSQL inbox (a real server of this class's own, stopped and started again): a
 * webhook is recorded before it is answered 200; with the database down it is answered 503 and nothing is applied,
 * so Dwolla retries; once the database is back, that retry is recorded, answered 200 and applied, and a second
 * delivery of an event already recorded is answered 200 and applied no second time.
 */
class WebhookOnPostgresTest {
    private Path data;
    private EmbeddedPostgres postgres;
    private PostgresStores stores;

    @AfterEach
    void stop() throws IOException {
        if (stores != null) {
            stores.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (data != null) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private EmbeddedPostgres postgres(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    void aWebhookIsRecordedBeforeItsAnswerAndWithTheDatabaseDownIs503UntilItsRetryIsRecorded() throws Exception {
        data = Files.createTempDirectory("docverify-webhook-pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        postgres = postgres(port);
        PostgresConfig db = TestDatabase.newDatabase(postgres);
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

            postgres.close();
            postgres = null;
            String during = WebhookHarness.event("e-during", "customer_verification_document_uploaded", second,
                    Instant.now());

            assertThat(h.post(during, WebhookHarness.SECRET).statusCode()).isEqualTo(503);
            assertThat(h.received("failed")).isEqualTo(1);
            assertThat(h.applied).hasSize(1);

            postgres = postgres(port);
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
