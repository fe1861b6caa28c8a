package io.docverify.grpc.security;

import static io.docverify.grpc.Calls.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** API keys over a real socket: every service but health needs {@code authorization: Bearer <key>}. */
class AuthenticationTest {
    private static final String ROTATED_KEY = "second-key-for-rotation-0001";
    private static TestServer server;

    @BeforeAll
    static void start() {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_API_KEYS", TestServer.KEY + ", " + ROTATED_KEY);
        server = TestServer.start(TestServer.Kind.SOCKET, settings);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ClientInterceptor authorization(String value) {
        var headers = new Metadata();
        headers.put(ApiKeyInterceptor.AUTHORIZATION, value);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private static void getDocument(DocumentServiceGrpc.DocumentServiceBlockingStub stub) {
        stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                .getDocument(GetDocumentRequest.newBuilder().setDocumentId("unknown").build());
    }

    @Test
    void aCallWithoutAKeyIsUnauthenticated() {
        var e = errorOf(() -> getDocument(DocumentServiceGrpc.newBlockingStub(server.channel())));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(e.getStatus().getDescription()).contains("authorization: Bearer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong-key-0123456789", "Basic " + TestServer.KEY, TestServer.KEY, "Bearer ",
            "Bearer test-api-key-012345678", "Bearer test-api-key-01234567890"})
    void aWrongKeyOrSchemeIsUnauthenticated(String authorization) {
        var e = errorOf(() -> getDocument(DocumentServiceGrpc.newBlockingStub(server.channel())
                .withInterceptors(authorization(authorization))));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(e.getStatus().getDescription()).isEqualTo("Invalid API key.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer " + TestServer.KEY, "bearer " + TestServer.KEY, "Bearer " + ROTATED_KEY})
    void aConfiguredKeyReachesTheService(String authorization) {
        var e = errorOf(() -> getDocument(DocumentServiceGrpc.newBlockingStub(server.channel())
                .withInterceptors(authorization(authorization))));

        assertThat(e.getStatus().getCode()).as("the service answered, not the guard")
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void anUploadWithoutAKeyIsUnauthenticated() {
        var upload = Calls.open(DocumentServiceGrpc.newStub(server.channel()))
                .send(Calls.metadataMessage(Calls.passportOf("c-1")))
                .send(Calls.chunkMessage(TestFiles.png()));

        assertThat(Status.fromThrowable(upload.failure()).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void healthCheckingNeedsNoKey() {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(server.channel())
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("").build());

        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void keysAreComparedByValueAndNeverShown() {
        ApiKeys keys = ApiKeys.of(java.util.List.of(TestServer.KEY));

        assertThat(keys.matches(TestServer.KEY)).isTrue();
        assertThat(keys.matches(TestServer.KEY + "x")).isFalse();
        assertThat(keys.matches("")).isFalse();
        assertThat(keys.toString()).doesNotContain(TestServer.KEY).isEqualTo("ApiKeys[1 keys]");
    }

    @Test
    void generatedKeysAreLongAndDifferent() {
        String first = ApiKeys.generate();
        String second = ApiKeys.generate();

        assertThat(first).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(second);
    }
}
