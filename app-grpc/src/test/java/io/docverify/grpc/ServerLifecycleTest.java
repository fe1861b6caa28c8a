package io.docverify.grpc;

import static io.docverify.grpc.Calls.errorOf;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.grpc.config.ConfigException;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.SandboxServiceGrpc;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting through the Launcher (what main does), health, reflection, and the graceful shutdown. */
class ServerLifecycleTest {
    private static final Pattern LISTENING = Pattern.compile("docverify listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern DEV_KEY = Pattern.compile("docverify development API key: (\\S+)");

    private static String find(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        assertThat(m.find()).as("%s in:%n%s", pattern, output).isTrue();
        return m.group(1);
    }

    private static ManagedChannel channel(int port) {
        return Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create()).build();
    }

    @Test
    void withoutConfiguredKeysADevelopmentKeyIsPrintedOnceAndIsTheOnlyKeyAccepted(@TempDir Path dir)
            throws Exception {
        var settings = TestServer.settings();
        settings.remove("DOCVERIFY_API_KEYS");
        settings.put("DOCVERIFY_PORT_FILE", dir.resolve("port").toString());
        var out = new ByteArrayOutputStream();
        DocverifyServer server = Launcher.launch(ConfigReader.read(settings), Transports.netty(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        ManagedChannel channel = channel(server.port());
        try {
            String output = out.toString(StandardCharsets.UTF_8);
            String key = find(DEV_KEY, output);
            int port = Integer.parseInt(find(LISTENING, output));
            assertThat(port).isEqualTo(server.port()).isPositive();
            assertThat(output.split(Pattern.quote(key), -1)).as("the key is printed once").hasSize(2);
            assertThat(Files.readString(dir.resolve("port")).trim()).isEqualTo(String.valueOf(port));

            var withKey = errorOf(() -> DocumentServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(TestServer.bearer(key)).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .getDocument(GetDocumentRequest.newBuilder().setDocumentId("unknown").build()));
            var withTestKey = errorOf(() -> DocumentServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(TestServer.bearer(TestServer.KEY)).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .getDocument(GetDocumentRequest.newBuilder().setDocumentId("unknown").build()));
            assertThat(withKey.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(withTestKey.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(SandboxServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(TestServer.bearer(key)).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .createCustomer(CreateCustomerRequest.getDefaultInstance()).hasCustomer())
                    .as("the development key has every scope, sandbox too").isTrue();
            assertThat(server.registry().find("docverify.calls").tag("caller", "development")
                    .tag("method", "CreateCustomer").counter()).as("its calls are counted as 'development'")
                    .isNotNull();
        } finally {
            channel.shutdownNow();
            server.stop();
        }
    }

    @Test
    void configuredKeysAreNeverPrinted() throws Exception {
        var out = new ByteArrayOutputStream();
        DocverifyServer server = Launcher.launch(ConfigReader.read(TestServer.settings()), Transports.netty(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        server.stop();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("docverify listening on")
                .doesNotContain(TestServer.KEY).doesNotContain("development API key");
    }

    @Test
    void theDwollaBackendWithoutCredentialsFailsClearlyBeforeBinding() {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_BACKEND", "dwolla");

        assertThatThrownBy(() -> Launcher.launch(ConfigReader.read(settings), Transports.netty(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_DWOLLA_KEY and DOCVERIFY_DWOLLA_SECRET");
    }

    @Test
    void healthIsServingForTheServerAndEachService() {
        try (TestServer server = TestServer.start(TestServer.Kind.SOCKET)) {
            var health = HealthGrpc.newBlockingStub(server.channel()).withDeadlineAfter(20, TimeUnit.SECONDS);
            for (String service : List.of("", "docverify.v1.DocumentService", "docverify.v1.SandboxService")) {
                assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
                        .as(service).isEqualTo(ServingStatus.SERVING);
            }
        }
    }

    @Test
    void reflectionListsTheServicesForACallerWithAKeyOnly() throws Exception {
        try (TestServer server = TestServer.start(TestServer.Kind.SOCKET)) {
            var withKey = Calls.listServices(ServerReflectionGrpc.newStub(server.channel())
                    .withInterceptors(TestServer.bearer(TestServer.KEY)));
            var withoutKey = Calls.listServices(ServerReflectionGrpc.newStub(server.channel()));

            assertThat(withKey.get(10, TimeUnit.SECONDS)).contains("docverify.v1.DocumentService",
                    "docverify.v1.SandboxService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
            assertThat(Status.fromThrowable(errorOf(() -> Calls.await(withoutKey))).getCode())
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Test
    void aShutdownTurnsHealthNotServingEndsWatchesWithUnavailableAndStopsTheServer() throws Exception {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_SHUTDOWN_GRACE", "1s");
        try (TestServer server = TestServer.start(TestServer.Kind.SOCKET, settings)) {
            var document = Calls.upload(server, passportOf(Calls.customerAwaitingDocuments(server)),
                    TestFiles.png());
            var watch = WatchRecorder.watch(server.documentsAsync(), document.getId());
            watch.next();
            BlockingQueue<ServingStatus> health = new LinkedBlockingQueue<>();
            HealthGrpc.newStub(server.channel()).watch(HealthCheckRequest.newBuilder().setService("").build(),
                    new StreamObserver<>() {
                        @Override
                        public void onNext(HealthCheckResponse value) {
                            health.add(value.getStatus());
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
            assertThat(health.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);

            server.server().stop();

            assertThat(health.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
            assertThat(watch.endCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(Status.fromThrowable(errorOf(() -> HealthGrpc.newBlockingStub(server.channel())
                    .withDeadlineAfter(20, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance())))
                    .getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }
}
