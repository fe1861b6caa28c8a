package io.docverify.grpc.retry;

import static io.docverify.grpc.Calls.errorInfo;
import static io.docverify.grpc.Calls.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service config docverify publishes ({@code docverify/v1/service_config.json}), loaded by a real grpc-java
 * channel ({@code defaultServiceConfig} + {@code enableRetry}) over a 127.0.0.1 socket, against a server whose
 * provider fails once: reads are retried by the channel, uploads and final errors are not; the calls are counted
 * where they arrive, at the provider.
 */
class ServiceConfigRetryTest {
    private static final FlakyBackend BACKEND = new FlakyBackend();
    private static TestServer server;
    /** A fresh channel per test, so that retry throttling's tokens never carry over from another test. */
    private ManagedChannel retrying;
    private String documentId;
    private String customerId;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.Kind.SOCKET, BACKEND);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void aDocument() {
        retrying = Grpc.newChannelBuilderForAddress("127.0.0.1", server.server().port(),
                        InsecureChannelCredentials.create())
                .defaultServiceConfig(publishedServiceConfig())
                .enableRetry()
                .build();
        customerId = Calls.customerAwaitingDocuments(server);
        documentId = Calls.upload(server, Calls.passportOf(customerId), TestFiles.png()).getId();
        BACKEND.reset();
    }

    @AfterEach
    void noScriptedFailureLeft() throws InterruptedException {
        BACKEND.reset();
        retrying.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The JSON file as a client loads it: Gson gives the numbers as doubles, as grpc-java expects. */
    @SuppressWarnings("unchecked")
    static Map<String, ?> publishedServiceConfig() {
        try (InputStream in = ServiceConfigRetryTest.class.getResourceAsStream("/docverify/v1/service_config.json")) {
            assertThat(in).as("service_config.json on the classpath").isNotNull();
            return new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DocumentServiceGrpc.DocumentServiceBlockingStub documents(ManagedChannel channel) {
        return DocumentServiceGrpc.newBlockingStub(channel).withInterceptors(TestServer.bearer(TestServer.KEY))
                .withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private static DocumentError unavailable() {
        return DocumentError.of(ErrorCode.SERVICE_UNAVAILABLE, "Dwolla is unreachable.");
    }

    @Test
    void aGetThatFailsOnceWithUnavailableIsRetriedByTheChannel() {
        BACKEND.failNext("get", unavailable());

        Document read = documents(retrying).getDocument(GetDocumentRequest.newBuilder().setDocumentId(documentId).build())
                .getDocument();

        assertThat(read.getId()).isEqualTo(documentId);
        assertThat(BACKEND.calls("get")).isEqualTo(2);
    }

    @Test
    void aListRateLimitedOnceIsRetriedAfterThePushback() {
        BACKEND.failNext("list", DocumentError.of(ErrorCode.TOO_MANY_REQUESTS, "slow down")
                .withRetryAfter(Optional.of(Duration.ofMillis(50))));

        var listed = documents(retrying).listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customerId).build());

        assertThat(listed.getTotal()).isEqualTo(1);
        assertThat(BACKEND.calls("list")).isEqualTo(2);
    }

    @Test
    void aWatchFailingBeforeItsFirstResponseIsRetried() {
        BACKEND.failNext("get", unavailable());

        var responses = documents(retrying).watchDocument(
                WatchDocumentRequest.newBuilder().setDocumentId(documentId).build());

        assertThat(responses.next().getDocument().getId()).isEqualTo(documentId);
        assertThat(BACKEND.calls("get")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFinalErrorIsNotRetried() {
        BACKEND.failNext("get", DocumentError.of(ErrorCode.NOT_FOUND, "The requested resource was not found."));

        var e = errorOf(() -> documents(retrying).getDocument(
                GetDocumentRequest.newBuilder().setDocumentId(documentId).build()));

        assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(BACKEND.calls("get")).isEqualTo(1);
    }

    @Test
    void readsGiveUpAfterTheConfiguredAttempts() {
        for (int i = 0; i < 10; i++) {
            BACKEND.failNext("get", unavailable());
        }

        var e = errorOf(() -> documents(retrying).getDocument(
                GetDocumentRequest.newBuilder().setDocumentId(documentId).build()));

        assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(BACKEND.calls("get")).isEqualTo(4); // maxAttempts of the service config
    }

    @Test
    void anUploadIsNotRetriedByTheChannelButSaysWhenToRetry() throws InvalidProtocolBufferException {
        BACKEND.failNext("create", unavailable());

        var upload = Calls.send(DocumentServiceGrpc.newStub(retrying).withInterceptors(TestServer.bearer(TestServer.KEY)),
                Calls.messages(Calls.passportOf(customerId), TestFiles.png(), 16 * 1024));
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> Calls.await(upload));

        assertThat(Status.fromThrowable(failure).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(errorInfo(failure).getReason()).isEqualTo("ServiceUnavailable");
        assertThat(retryInfo(failure).getRetryDelay().getSeconds()).isEqualTo(1);
        assertThat(BACKEND.calls("create")).isEqualTo(1);
    }

    @Test
    void withoutTheServiceConfigTheSameFailureIsNotRetried() {
        BACKEND.failNext("get", unavailable());

        var e = errorOf(() -> server.documents().getDocument(
                GetDocumentRequest.newBuilder().setDocumentId(documentId).build()));

        assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(BACKEND.calls("get")).isEqualTo(1);
    }

    static RetryInfo retryInfo(Throwable failure) throws InvalidProtocolBufferException {
        var status = StatusProto.fromThrowable(failure);
        assertThat(status).isNotNull();
        for (var detail : status.getDetailsList()) {
            if (detail.is(RetryInfo.class)) {
                return detail.unpack(RetryInfo.class);
            }
        }
        throw new AssertionError("no RetryInfo in " + status);
    }
}
