package io.docverify.grpc.webhook;

import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.sandbox.NewCustomer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service on its {@code dwolla} backend with the webhook intake on, against the Dwolla-compatible test server:
 * a document uploaded through the service and reviewed at "Dwolla" reaches an open {@code WatchDocument} as soon
 * as the signed webhook is posted, with watches polling only once an hour. (The test server's own webhook
 * delivery comes later; here the test posts the webhook Dwolla would send.)
 */
class DwollaWebhookEndToEndTest {
    private static final String KEY = "app-key-for-the-test-server";
    private static final String SECRET = "app-secret-for-the-test-server";
    private static final String WEBHOOK_SECRET = "webhook-secret-for-the-end-to-end";

    private DwollaTestServer dwolla;
    private DocverifyServer server;
    private ManagedChannel channel;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        dwolla = DwollaTestServer.start(DwollaServerConfig.builder().key(KEY).secret(SECRET).build());
        Map<String, String> s = TestServer.settings();
        s.put("DOCVERIFY_BACKEND", "dwolla");
        s.put("DOCVERIFY_DWOLLA_BASE_URL", dwolla.baseUrl());
        s.put("DOCVERIFY_DWOLLA_KEY", KEY);
        s.put("DOCVERIFY_DWOLLA_SECRET", SECRET);
        s.put("DOCVERIFY_WATCH_POLL_INTERVAL", "1h");
        s.put("DOCVERIFY_WEBHOOK_SECRET", WEBHOOK_SECRET);
        s.put("DOCVERIFY_WEBHOOK_PORT", "0");
        server = Launcher.launch(ConfigReader.read(s), Transports.netty(), new PrintStream(printed, true,
                StandardCharsets.UTF_8));
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), InsecureChannelCredentials.create())
                .build();
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.stop();
        }
        if (dwolla != null) {
            dwolla.close();
        }
    }

    @Test
    void aReviewAtDwollaReachesTheWatchWhenItsWebhookArrives() throws Exception {
        String customer = dwolla.sandbox().createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL,
                CustomerStatus.DOCUMENT)).toCompletableFuture().join().id().value();
        Document uploaded = Calls.await(Calls.send(DocumentServiceGrpc.newStub(channel)
                .withInterceptors(TestServer.bearer(TestServer.KEY)), Calls.messages(passportOf(customer),
                        TestFiles.png(), 64 * 1024)));
        var watch = WatchRecorder.watch(DocumentServiceGrpc.newStub(channel)
                .withInterceptors(TestServer.bearer(TestServer.KEY)), uploaded.getId());
        assertThat(watch.next().getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_PENDING);
        dwolla.sandbox().reviewDocument(new DocumentId(uploaded.getId()), ReviewDecision.accept())
                .toCompletableFuture().join();
        int readsBefore = dwolla.journal().count(Route.GET_DOCUMENT);

        String body = "{\"_links\":{\"resource\":{\"href\":\"" + dwolla.baseUrl() + "/documents/" + uploaded.getId()
                + "\"},\"customer\":{\"href\":\"" + dwolla.baseUrl() + "/customers/" + customer + "\"}},"
                + "\"id\":\"event-approved-1\",\"created\":\"" + Instant.now() + "\","
                + "\"topic\":\"customer_verification_document_approved\",\"resourceId\":\"" + uploaded.getId() + "\"}";
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        int port = server.webhookPort().orElseThrow();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/dwolla/webhooks"))
                .header("X-Request-Signature-SHA-256", DwollaWebhookCodec.rotating(WEBHOOK_SECRET, Optional.empty())
                        .sign(raw))
                .header("X-Dwolla-Topic", "customer_verification_document_approved")
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(watch.next().getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_ACCEPTED);
        assertThat(watch.endCode()).isEqualTo(Status.Code.OK);
        // The intake read the document once, the watch re-read it once on the published change.
        assertThat(dwolla.journal().count(Route.GET_DOCUMENT) - readsBefore).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("docverify webhooks on http://127.0.0.1:"
                + port + "/dwolla/webhooks");
        assertThat(server.registry().scrape()).contains("docverify_webhooks_received_total")
                .doesNotContain(WEBHOOK_SECRET);
    }
}
