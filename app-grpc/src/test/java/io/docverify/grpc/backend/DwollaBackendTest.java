package io.docverify.grpc.backend;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.errorOf;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.DocumentId;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.dwollaserver.DwollaServerConfig;
import io.docverify.dwollaserver.DwollaTestServer;
import io.docverify.dwollaserver.Fault;
import io.docverify.dwollaserver.Route;
import io.docverify.grpc.Calls;
import io.docverify.grpc.DocverifyServer;
import io.docverify.grpc.Launcher;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.Transports;
import io.docverify.grpc.WatchRecorder;
import io.docverify.grpc.config.ConfigException;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.VerificationStatus;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.SandboxServiceGrpc;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.sandbox.NewCustomer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on its {@code dwolla} backend, configured only through {@code DOCVERIFY_*} settings as a user
 * would, against the Dwolla-compatible test server on 127.0.0.1: the same RPCs, the same error mapping, watches
 * that poll, no sandbox service, and the adapter's metrics on the service's Prometheus registry.
 */
class DwollaBackendTest {
    static final String DWOLLA_KEY = "app-key-for-the-test-server";
    static final String DWOLLA_SECRET = "app-secret-for-the-test-server";

    private static DwollaTestServer dwolla;
    private DocverifyServer server;
    private ManagedChannel channel;

    @BeforeAll
    static void startDwolla() {
        dwolla = DwollaTestServer.start(DwollaServerConfig.builder().key(DWOLLA_KEY).secret(DWOLLA_SECRET).build());
    }

    @AfterAll
    static void stopDwolla() {
        dwolla.close();
    }

    @AfterEach
    void stop() {
        dwolla.faults().clear();
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.stop();
        }
    }

    static Map<String, String> settings(String baseUrl) {
        var s = TestServer.settings();
        s.put("DOCVERIFY_BACKEND", "dwolla");
        s.put("DOCVERIFY_DWOLLA_BASE_URL", baseUrl);
        s.put("DOCVERIFY_DWOLLA_KEY", DWOLLA_KEY);
        s.put("DOCVERIFY_DWOLLA_SECRET", DWOLLA_SECRET);
        s.put("DOCVERIFY_WATCH_POLL_INTERVAL", "50ms");
        s.put("DOCVERIFY_DWOLLA_RETRY_INITIAL_BACKOFF", "10ms");
        s.put("DOCVERIFY_DWOLLA_RETRY_MAX_BACKOFF", "50ms");
        return s;
    }

    private void launch(Map<String, String> settings) throws IOException {
        server = Launcher.launch(ConfigReader.read(settings), Transports.netty(),
                new PrintStream(OutputStream.nullOutputStream()));
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), InsecureChannelCredentials.create())
                .build();
    }

    private DocumentServiceGrpc.DocumentServiceBlockingStub documents() {
        return DocumentServiceGrpc.newBlockingStub(channel).withInterceptors(TestServer.bearer(TestServer.KEY))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static String customerAwaitingDocuments() {
        return dwolla.sandbox().createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT))
                .toCompletableFuture().join().id().value();
    }

    private Document upload(String customer, byte[] file) {
        return Calls.await(Calls.send(DocumentServiceGrpc.newStub(channel)
                .withInterceptors(TestServer.bearer(TestServer.KEY)), Calls.messages(passportOf(customer), file, 64 * 1024)));
    }

    @Test
    void uploadGetListAndWatchGoThroughDwollasApi() throws Exception {
        launch(settings(dwolla.baseUrl()));
        String customer = customerAwaitingDocuments();
        int createsBefore = dwolla.journal().count(Route.CREATE_CUSTOMER_DOCUMENT);

        Document uploaded = upload(customer, TestFiles.png());

        assertThat(uploaded.getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_PENDING);
        assertThat(dwolla.journal().count(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(createsBefore + 1);
        assertThat(dwolla.backend().get(new DocumentId(uploaded.getId())).toCompletableFuture().join().id().value())
                .isEqualTo(uploaded.getId());
        // Dwolla's document resource does not name its owner: a read gives everything else.
        assertThat(documents().getDocument(GetDocumentRequest.newBuilder().setDocumentId(uploaded.getId()).build())
                .getDocument()).isEqualTo(uploaded.toBuilder().clearCustomerId().build());
        var list = documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer).build());
        assertThat(list.getTotal()).isEqualTo(1);
        assertThat(list.getDocuments(0).getId()).isEqualTo(uploaded.getId());

        var watch = WatchRecorder.watch(DocumentServiceGrpc.newStub(channel)
                .withInterceptors(TestServer.bearer(TestServer.KEY)), uploaded.getId());
        assertThat(watch.next().getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_PENDING);
        dwolla.sandbox().reviewDocument(new DocumentId(uploaded.getId()), ReviewDecision.accept())
                .toCompletableFuture().join();
        assertThat(watch.next().getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_ACCEPTED);
        assertThat(watch.endCode()).isEqualTo(Status.Code.OK);

        assertThat(dwolla.openApiViolations()).isEmpty();
        assertThat(server.registry().scrape()).contains("docverify_dwolla_calls")
                .contains("resilience4j_circuitbreaker_state").doesNotContain(DWOLLA_SECRET);
    }

    @Test
    void dwollasRefusalsKeepTheirCodesAndGrpcStatuses() throws Exception {
        launch(settings(dwolla.baseUrl()));
        String customer = customerAwaitingDocuments();

        assertError(errorOf(() -> upload("no-such-customer", TestFiles.png())), Status.Code.NOT_FOUND, "notFound");
        for (int i = 0; i < 4; i++) {
            upload(customer, TestFiles.png());
        }
        assertError(errorOf(() -> upload(customer, TestFiles.png())), Status.Code.RESOURCE_EXHAUSTED,
                "maximumNumberOfResources");
        String verified = dwolla.sandbox().createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL,
                CustomerStatus.VERIFIED)).toCompletableFuture().join().id().value();
        assertError(errorOf(() -> upload(verified, TestFiles.png())), Status.Code.FAILED_PRECONDITION,
                "invalidResourceState");
        assertError(errorOf(() -> documents().getDocument(GetDocumentRequest.newBuilder()
                .setDocumentId("no-such-document").build())), Status.Code.NOT_FOUND, "notFound");
    }

    @Test
    void theSandboxServiceIsUnimplementedOnDwolla() throws Exception {
        launch(settings(dwolla.baseUrl()));
        var e = errorOf(() -> SandboxServiceGrpc.newBlockingStub(channel)
                .withInterceptors(TestServer.bearer(TestServer.KEY))
                .createCustomer(CreateCustomerRequest.getDefaultInstance()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(e.getStatus().getDescription()).contains("dwolla");
    }

    @Test
    void anUnreachableDwollaIsUnavailable() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var s = settings("http://127.0.0.1:" + closedPort);
        s.put("DOCVERIFY_DWOLLA_MAX_ATTEMPTS", "2");
        launch(s);

        assertError(errorOf(() -> documents().getDocument(GetDocumentRequest.newBuilder()
                .setDocumentId("any-document").build())), Status.Code.UNAVAILABLE, "ServiceUnavailable");
    }

    @Test
    void aDwollaSlowerThanTheTimeLimitIsDeadlineExceeded() throws Exception {
        var s = settings(dwolla.baseUrl());
        s.put("DOCVERIFY_DWOLLA_READ_TIMEOUT", "200ms");
        s.put("DOCVERIFY_DWOLLA_MAX_ATTEMPTS", "1");
        launch(s);
        String customer = customerAwaitingDocuments();
        Document uploaded = upload(customer, TestFiles.png());
        dwolla.faults().on(Route.GET_DOCUMENT, Fault.delay(Duration.ofSeconds(2)), 1);

        assertError(errorOf(() -> documents().getDocument(GetDocumentRequest.newBuilder()
                .setDocumentId(uploaded.getId()).build())), Status.Code.DEADLINE_EXCEEDED, "RequestTimeout");
    }

    @Test
    void theDwollaBackendNeedsCredentialsAndValidKnobs(@TempDir Path dir) throws IOException {
        var missing = new HashMap<>(settings(dwolla.baseUrl()));
        missing.remove("DOCVERIFY_DWOLLA_SECRET");
        assertThatThrownBy(() -> launch(missing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_DWOLLA_KEY and DOCVERIFY_DWOLLA_SECRET");

        var badKnob = settings(dwolla.baseUrl());
        badKnob.put("DOCVERIFY_DWOLLA_MAX_ATTEMPTS", "many");
        assertThatThrownBy(() -> launch(badKnob)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_DWOLLA_MAX_ATTEMPTS").hasMessageNotContaining(DWOLLA_SECRET);

        Path file = dir.resolve("docverify.properties");
        Files.writeString(file, "DOCVERIFY_DWOLLA_MAX_ATTEMPTS=3\n");
        assertThat(ConfigReader.load(Map.of(), java.util.Optional.of(file)).dwolla().variables())
                .containsEntry("DOCVERIFY_DWOLLA_MAX_ATTEMPTS", "3");
        Files.writeString(file, "DOCVERIFY_DWOLLA_MAX_ATTEMPT=3\n");
        assertThatThrownBy(() -> ConfigReader.load(Map.of(), java.util.Optional.of(file)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_DWOLLA_MAX_ATTEMPT");
    }
}
