package io.docverify.grpc.webhook;

import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.adapter.inmemory.SandboxEvent;
import io.docverify.domain.DocumentId;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.dwollaserver.DwollaServerConfig;
import io.docverify.dwollaserver.DwollaTestServer;
import io.docverify.dwollaserver.Route;
import io.docverify.grpc.Calls;
import io.docverify.grpc.DocverifyServer;
import io.docverify.grpc.EventsRecorder;
import io.docverify.grpc.Launcher;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.Transports;
import io.docverify.grpc.WatchRecorder;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.VerificationStatus;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.DocumentEvent;
import io.docverify.grpc.v1.DocumentServiceProto.EventKind;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsRequest;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.sandbox.NewCustomer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing posted by hand: the service on its {@code dwolla} backend subscribes itself at the Dwolla test server
 * ({@code DOCVERIFY_WEBHOOK_PUBLIC_URL}), and the test server signs and delivers its own webhooks. A review at
 * "Dwolla" reaches an open {@code WatchDocument} and an open {@code WatchEvents} (under Dwolla's own event id)
 * with no poll in between; a review made while the service is down is applied by the reconciliation at its
 * restart, from Dwolla's {@code GET /events}.
 */
class SandboxWebhookEndToEndTest {
    private static final String KEY = "app-key-for-the-sandbox-end-to-end";
    private static final String SECRET = "app-secret-for-the-sandbox-end-to-end";
    private static final String WEBHOOK_SECRET = "webhook-secret-of-the-sandbox-end-to-end";
    private static final String APPROVED = "customer_verification_document_approved";

    private DwollaTestServer dwolla;
    private DocverifyServer server;
    private ManagedChannel channel;
    private int webhookPort;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        dwolla = DwollaTestServer.start(DwollaServerConfig.builder().key(KEY).secret(SECRET).build());
        try (var probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            webhookPort = probe.getLocalPort();
        }
        startService();
    }

    private void startService() throws IOException {
        Map<String, String> s = TestServer.settings();
        s.put("DOCVERIFY_BACKEND", "dwolla");
        s.put("DOCVERIFY_DWOLLA_BASE_URL", dwolla.baseUrl());
        s.put("DOCVERIFY_DWOLLA_KEY", KEY);
        s.put("DOCVERIFY_DWOLLA_SECRET", SECRET);
        s.put("DOCVERIFY_WATCH_POLL_INTERVAL", "1h");
        s.put("DOCVERIFY_WEBHOOK_SECRET", WEBHOOK_SECRET);
        s.put("DOCVERIFY_WEBHOOK_PORT", Integer.toString(webhookPort));
        s.put("DOCVERIFY_WEBHOOK_PUBLIC_URL", "http://127.0.0.1:" + webhookPort + "/dwolla/webhooks");
        server = Launcher.launch(ConfigReader.read(s), Transports.netty(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), InsecureChannelCredentials.create())
                .build();
    }

    private void stopService() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop();
        channel = null;
        server = null;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            stopService();
        }
        if (dwolla != null) {
            dwolla.close();
        }
    }

    private DocumentServiceGrpc.DocumentServiceStub stub() {
        return DocumentServiceGrpc.newStub(channel).withInterceptors(TestServer.bearer(TestServer.KEY));
    }

    private Document upload() throws Exception {
        String customer = dwolla.sandbox().createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL,
                CustomerStatus.DOCUMENT)).toCompletableFuture().join().id().value();
        return Calls.await(Calls.send(stub(), Calls.messages(passportOf(customer), TestFiles.png(), 64 * 1024)));
    }

    private SandboxEvent sandboxEvent(String topic, String resourceId) {
        return dwolla.events().newest(0, 200).events().stream()
                .filter(e -> e.topic().equals(topic) && e.resourceId().equals(resourceId))
                .findFirst().orElseThrow();
    }

    private static DocumentEvent nextOfKind(EventsRecorder events, EventKind kind, String documentId)
            throws InterruptedException {
        while (true) {
            DocumentEvent event = events.next();
            if (event.getKind() == kind && event.getDocumentId().equals(documentId)) {
                return event;
            }
        }
    }

    @Test
    void theSandboxsOwnSignedWebhookReachesWatchDocumentAndWatchEventsWithNoPoll() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> dwolla.journal().count(Route.CREATE_WEBHOOK_SUBSCRIPTION)
                == 1);
        Document uploaded = upload();
        var watch = WatchRecorder.watch(stub(), uploaded.getId());
        assertThat(watch.next().getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_PENDING);
        var events = EventsRecorder.watch(stub(), WatchEventsRequest.getDefaultInstance());
        // The sandbox delivers the upload's own webhook too, and the intake reads the document for it: let that
        // finish before counting the reads the review causes.
        await().atMost(Duration.ofSeconds(10)).until(() -> server.registry().scrape().lines()
                .anyMatch(l -> l.startsWith("docverify_webhooks_processed_total{") && !l.endsWith(" 0.0")));
        int readsBefore = dwolla.journal().count(Route.GET_DOCUMENT);

        dwolla.sandbox().reviewDocument(new DocumentId(uploaded.getId()), ReviewDecision.accept())
                .toCompletableFuture().join();

        assertThat(watch.next().getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_ACCEPTED);
        DocumentEvent approved = nextOfKind(events, EventKind.EVENT_KIND_DOCUMENT_APPROVED, uploaded.getId());
        assertThat(approved.getId()).isEqualTo(sandboxEvent(APPROVED, uploaded.getId()).id());
        assertThat(approved.getTopic()).isEqualTo(APPROVED);
        // The intake's read and the watch's on the published change (plus, at most, the watch's late re-read for
        // the upload's own webhook); watches poll hourly, so none of them is a poll.
        assertThat(dwolla.journal().count(Route.GET_DOCUMENT) - readsBefore).isBetween(2, 3);
        assertThat(server.registry().scrape())
                .containsPattern("docverify_webhooks_received_total\\{[^}]*outcome=\"accepted\""
                        + "[^}]*topic=\"" + APPROVED + "\"[^}]*\\} 1\\.0")
                .doesNotContain(WEBHOOK_SECRET);
        events.cancel();
    }

    @Test
    void aReviewWhileTheServiceIsDownIsAppliedByTheReconciliationAtRestart() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> dwolla.journal().count(Route.CREATE_WEBHOOK_SUBSCRIPTION)
                == 1);
        Document uploaded = upload();
        stopService();

        dwolla.sandbox().reviewDocument(new DocumentId(uploaded.getId()), ReviewDecision.accept())
                .toCompletableFuture().join();
        String approvedId = sandboxEvent(APPROVED, uploaded.getId()).id();
        // Its delivery fails (nobody listens); Dwolla's next attempt is 15 minutes away on the sandbox's clock.
        int listsBefore = dwolla.journal().count(Route.LIST_EVENTS);

        startService();
        var events = EventsRecorder.watch(stub(), WatchEventsRequest.newBuilder().setFromOldest(true).build());
        DocumentEvent approved = nextOfKind(events, EventKind.EVENT_KIND_DOCUMENT_APPROVED, uploaded.getId());

        assertThat(approved.getId()).isEqualTo(approvedId);
        assertThat(dwolla.journal().count(Route.LIST_EVENTS)).isGreaterThan(listsBefore);
        // The restarted service found its subscription and created no second one.
        await().atMost(Duration.ofSeconds(10)).until(() -> dwolla.journal().count(Route.LIST_WEBHOOK_SUBSCRIPTIONS)
                >= 2);
        assertThat(dwolla.journal().count(Route.CREATE_WEBHOOK_SUBSCRIPTION)).isEqualTo(1);
        assertThat(server.registry().scrape()).contains("docverify_webhooks_reconciliations_total");
        events.cancel();
    }
}
