package io.docverify.grpc.store;

import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.adapter.postgres.RestartablePostgres;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.out.UploadOutcome;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped and started again while four clients upload: every upload was either answered OK and is in the
 * journal as created, or refused with a retryable status (UNAVAILABLE / ServiceUnavailable); every refused upload,
 * retried with its idempotency key once the database is back, is answered OK; and the provider holds exactly one
 * document per upload (no retry uploaded twice).
 */
class DatabaseRestartUnderLoadTest {
    private static final int CLIENTS = 4;
    private static final int UPLOADS = 240;

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

    /** What one upload was answered: its document, or its gRPC error. */
    private record Answer(Optional<Document> document, Optional<StatusRuntimeException> error) {
    }

    @Test
    void everyUploadIsAnsweredOkAndJournaledOrRefusedRetryablyAndItsRetryGetsOneDocument() throws Exception {
        postgres = RestartablePostgres.start();
        var db = postgres.newDatabase();
        Map<String, String> s = TestServer.settings();
        s.put("DOCVERIFY_DATABASE_URL", db.url());
        s.put("DOCVERIFY_DATABASE_USER", db.user());
        s.put("DOCVERIFY_DATABASE_CONNECT_TIMEOUT", "1s");
        s.put("DOCVERIFY_DATABASE_QUERY_TIMEOUT", "2s");
        s.put("DOCVERIFY_DATABASE_HEALTH_INTERVAL", "200ms");
        s.put("DOCVERIFY_DATABASE_LEASE", "3s");
        s.put("DOCVERIFY_REPLICA_ID", "replica-restart-test");
        server = TestServer.start(TestServer.Kind.SOCKET,
                new InMemoryBackend(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO)),
                ConfigReader.read(s));
        List<String> customers = new ArrayList<>();
        List<byte[]> files = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            customers.add(Calls.customerAwaitingDocuments(server));
            files.add(TestFiles.png());
        }

        Map<Integer, Answer> answers = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger okAfterRestart = new AtomicInteger();
        AtomicBoolean enough = new AtomicBoolean();
        CountDownLatch restarted = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread client = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < UPLOADS && !enough.get(); i = next.getAndIncrement()) {
                    boolean startedAfterRestart = restarted.getCount() == 0;
                    try {
                        answers.put(i, new Answer(Optional.of(Calls.upload(server, metadata(customers, i),
                                files.get(i))), Optional.empty()));
                        ok.incrementAndGet();
                        if (startedAfterRestart) {
                            okAfterRestart.incrementAndGet();
                        }
                    } catch (StatusRuntimeException e) {
                        answers.put(i, new Answer(Optional.empty(), Optional.of(e)));
                        // A client told UNAVAILABLE backs off, as a real one does: without that, four clients answered
                        // at once while the database is down use up every upload before it is back (a CI run did).
                        backOff(restarted);
                    }
                }
            }, "upload-client-" + c);
            client.start();
            clients.add(client);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> ok.get() >= 20);
        postgres.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> answers.values().stream()
                .filter(a -> a.error().isPresent()).count() >= CLIENTS);
        postgres.restart();
        restarted.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> okAfterRestart.get() >= 20 || next.get() >= UPLOADS);
        enough.set(true);
        for (Thread client : clients) {
            client.join(TimeUnit.SECONDS.toMillis(60));
        }

        List<Integer> refused = new ArrayList<>();
        answers.forEach((i, answer) -> answer.error().ifPresent(e -> {
            Calls.assertError(e, Status.Code.UNAVAILABLE, "ServiceUnavailable");
            refused.add(i);
        }));
        assertThat(refused).as("the restart happened under load").isNotEmpty();
        assertThat(okAfterRestart.get()).as("uploads started after the restart and answered OK").isPositive();

        for (var answer : answers.entrySet()) {
            answer.getValue().document().ifPresent(document -> {
                String owner = customers.get(answer.getKey());
                assertThat(ended(owner)).as("the journal holds what was answered OK")
                        .contains(new DocumentId(document.getId()));
            });
        }
        for (int i : refused) {
            int upload = i;
            Document retried = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> Calls.upload(server, metadata(customers, upload), files.get(upload)), d -> true);
            answers.put(i, new Answer(Optional.of(retried), Optional.empty()));
        }
        for (var answer : answers.entrySet()) {
            String owner = customers.get(answer.getKey());
            var documents = server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(owner)
                    .build());
            assertThat(documents.getTotal()).as("documents of upload %d at the provider", answer.getKey())
                    .isEqualTo(1);
            assertThat(documents.getDocuments(0).getId()).isEqualTo(answer.getValue().document().orElseThrow()
                    .getId());
        }
    }

    /**
     * After a refusal: until the database is restarted, wait for it (each client is refused once or so while it is
     * down); after, wait 100 ms before the next upload while the service reconnects.
     */
    private static void backOff(CountDownLatch restarted) {
        try {
            if (!restarted.await(60, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static UploadMetadata metadata(List<String> customers, int i) {
        return passportOf(customers.get(i)).toBuilder().setIdempotencyKey("restart-upload-" + i).build();
    }

    /** The documents the journal holds a CREATED or DUPLICATE end of, for {@code owner}. */
    private List<DocumentId> ended(String owner) {
        try {
            return server.server().stores().journal().history(HistoryQuery.of(new CustomerId(owner)))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).entries().stream()
                    .filter(e -> e instanceof JournalEntry.UploadEnded ended
                            && (ended.outcome().outcome().equals(UploadOutcome.CREATED)
                            || ended.outcome().outcome().equals(UploadOutcome.DUPLICATE)))
                    .map(e -> ((JournalEntry.UploadEnded) e).outcome().document().orElseThrow())
                    .toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
