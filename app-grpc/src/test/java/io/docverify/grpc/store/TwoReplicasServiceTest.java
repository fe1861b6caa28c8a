package io.docverify.grpc.store;

import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.adapter.postgres.PostgresConfig;
import io.docverify.adapter.postgres.TestDatabase;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.dwollaserver.DwollaServerConfig;
import io.docverify.dwollaserver.DwollaTestServer;
import io.docverify.dwollaserver.Route;
import io.docverify.grpc.Calls;
import io.docverify.grpc.DocverifyServer;
import io.docverify.grpc.Launcher;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.Transports;
import io.docverify.grpc.WatchRecorder;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.VerificationStatus;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.grpc.webhook.DwollaWebhookCodec;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.out.UploadOutcome;
import io.docverify.ports.sandbox.NewCustomer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two service replicas in one JVM over one PostgreSQL and one Dwolla test server, each with its own webhook intake,
 * as two replicas behind a load balancer: a webhook received by one wakes a watch held on the other; a retry on the
 * other replica with the same idempotency key gets the first document without a second upload; a replica that dies
 * in the middle of an upload leaves the attempt abandoned once its lease ran out, and the key free.
 */
class TwoReplicasServiceTest {
    private static final String KEY = "app-key-for-the-test-server";
    private static final String SECRET = "app-secret-for-the-test-server";
    private static final String WEBHOOK_SECRET = "webhook-secret-for-two-replicas";

    private DwollaTestServer dwolla;
    private PostgresConfig database;
    private final List<DocverifyServer> servers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private DocverifyServer a;
    private DocverifyServer b;
    private DocumentServiceGrpc.DocumentServiceStub onA;
    private DocumentServiceGrpc.DocumentServiceStub onB;

    @BeforeEach
    void start() throws Exception {
        dwolla = DwollaTestServer.start(DwollaServerConfig.builder().key(KEY).secret(SECRET).build());
        database = TestDatabase.newDatabase();
        a = replica("replica-a");
        b = replica("replica-b");
        onA = stub(a);
        onB = stub(b);
    }

    private DocverifyServer replica(String id) throws Exception {
        Map<String, String> s = TestServer.settings();
        s.put("DOCVERIFY_BACKEND", "dwolla");
        s.put("DOCVERIFY_DWOLLA_BASE_URL", dwolla.baseUrl());
        s.put("DOCVERIFY_DWOLLA_KEY", KEY);
        s.put("DOCVERIFY_DWOLLA_SECRET", SECRET);
        s.put("DOCVERIFY_WATCH_POLL_INTERVAL", "1h");
        s.put("DOCVERIFY_WEBHOOK_SECRET", WEBHOOK_SECRET);
        s.put("DOCVERIFY_WEBHOOK_PORT", "0");
        s.put("DOCVERIFY_DATABASE_URL", database.url());
        s.put("DOCVERIFY_DATABASE_USER", database.user());
        s.put("DOCVERIFY_DATABASE_CONNECT_TIMEOUT", "1s");
        s.put("DOCVERIFY_DATABASE_QUERY_TIMEOUT", "2s");
        s.put("DOCVERIFY_DATABASE_LEASE", "3s");
        s.put("DOCVERIFY_REPLICA_ID", id);
        var server = Launcher.launch(ConfigReader.read(s), Transports.netty(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        servers.add(server);
        return server;
    }

    private DocumentServiceGrpc.DocumentServiceStub stub(DocverifyServer server) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(),
                InsecureChannelCredentials.create()).build();
        channels.add(channel);
        return DocumentServiceGrpc.newStub(channel).withInterceptors(TestServer.bearer(TestServer.KEY));
    }

    @AfterEach
    void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        servers.forEach(DocverifyServer::stop);
        if (dwolla != null) {
            dwolla.close();
        }
    }

    private String customer() {
        return dwolla.sandbox().createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT))
                .toCompletableFuture().join().id().value();
    }

    private static Document upload(DocumentServiceGrpc.DocumentServiceStub on, UploadMetadata metadata,
            byte[] file) {
        return Calls.await(Calls.send(on, Calls.messages(metadata, file, 64 * 1024)));
    }

    private static List<JournalEntry> history(DocverifyServer on, String customer) throws Exception {
        return on.stores().journal().history(HistoryQuery.of(new CustomerId(customer))).toCompletableFuture()
                .get(10, TimeUnit.SECONDS).entries();
    }

    @Test
    void aWebhookReceivedByReplicaAWakesAWatchHeldOnReplicaB() throws Exception {
        String customer = customer();
        Document uploaded = upload(onA, passportOf(customer), TestFiles.png());
        var watch = WatchRecorder.watch(onB, uploaded.getId());
        assertThat(watch.next().getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_PENDING);
        dwolla.sandbox().reviewDocument(new DocumentId(uploaded.getId()), ReviewDecision.accept())
                .toCompletableFuture().join();

        String body = "{\"_links\":{\"resource\":{\"href\":\"" + dwolla.baseUrl() + "/documents/" + uploaded.getId()
                + "\"},\"customer\":{\"href\":\"" + dwolla.baseUrl() + "/customers/" + customer + "\"}},"
                + "\"id\":\"event-two-replicas-1\",\"created\":\"" + Instant.now() + "\","
                + "\"topic\":\"customer_verification_document_approved\",\"resourceId\":\"" + uploaded.getId() + "\"}";
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + a.webhookPort().orElseThrow() + "/dwolla/webhooks"))
                .header("X-Request-Signature-SHA-256", DwollaWebhookCodec.rotating(WEBHOOK_SECRET, Optional.empty())
                        .sign(raw))
                .header("X-Dwolla-Topic", "customer_verification_document_approved")
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        // B polls only hourly: only A's change, through the journal and NOTIFY, can wake its watch now.
        assertThat(watch.next().getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_ACCEPTED);
        assertThat(history(b, customer)).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                JournalEntry.Changed.class, c -> assertThat(c.change().providerEventId())
                        .contains("event-two-replicas-1")));
        // WatchEvents on B streams the event under Dwolla's id too.
        await().atMost(Duration.ofSeconds(10)).until(() -> b.eventLog().newestId()
                .equals(Optional.of("event-two-replicas-1")));
    }

    @Test
    void anUploadRetriedOnReplicaBWithTheSameKeyGetsReplicaAsDocumentWithoutASecondUpload() throws Exception {
        String customer = customer();
        byte[] png = TestFiles.png();
        UploadMetadata metadata = passportOf(customer).toBuilder().setIdempotencyKey("retry-on-b-1").build();

        Document first = upload(onA, metadata, png);
        Document again = upload(onB, metadata, png);

        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(again.getCustomerId()).isEqualTo(customer);
        assertThat(dwolla.journal().count(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(1);
        assertThat(history(b, customer)).filteredOn(e -> e instanceof JournalEntry.UploadEnded)
                .extracting(e -> ((JournalEntry.UploadEnded) e).outcome().outcome())
                .containsExactly(UploadOutcome.CREATED, UploadOutcome.DUPLICATE);
        var otherFile = Calls.errorOf(() -> upload(onB, metadata, TestFiles.png()));
        Calls.assertError(otherFile, io.grpc.Status.Code.INVALID_ARGUMENT, "IdempotencyKeyReused");
    }

    @Test
    void aReplicaThatDiesInTheMiddleOfAnUploadLeavesItAbandonedAndItsKeyFree() throws Exception {
        String customer = customer();
        byte[] png = TestFiles.png();
        UploadMetadata metadata = passportOf(customer).toBuilder().setIdempotencyKey("dies-midway-1").build();
        var open = Calls.open(onA).send(Calls.metadataMessage(metadata)).send(Calls.chunkMessage(png));
        await().atMost(Duration.ofSeconds(10)).until(() -> history(b, customer).stream().anyMatch(e ->
                e instanceof JournalEntry.UploadStarted s && s.status() == JournalEntry.AttemptStatus.RUNNING));
        var busy = Calls.errorOf(() -> upload(onB, metadata, png));
        Calls.assertError(busy, io.grpc.Status.Code.ABORTED, "Conflict");

        // The process dies: its connections to the database go first, so nothing it does afterwards is recorded.
        a.stores().close();
        a.stop();
        open.requests().onCompleted();

        await().atMost(Duration.ofSeconds(15)).until(() -> history(b, customer).stream().anyMatch(e ->
                e instanceof JournalEntry.UploadStarted s && s.attempt().replica().equals("replica-a")
                        && s.status() == JournalEntry.AttemptStatus.ABANDONED));
        Document retried = await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> upload(onB, metadata, png), d -> d != null);

        assertThat(retried.getCustomerId()).isEqualTo(customer);
        assertThat(dwolla.journal().count(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(1);
    }
}
