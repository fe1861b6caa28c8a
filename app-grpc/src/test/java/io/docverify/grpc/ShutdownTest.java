package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.google.protobuf.ByteString;
import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.logs.CapturedLogs;
import io.docverify.grpc.testing.RawHttp2;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** What a graceful shutdown does to calls in flight and to calls that arrive while it runs. */
class ShutdownTest {

    private static TestServer server(String grace) {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_SHUTDOWN_GRACE", grace);
        return TestServer.start(TestServer.Kind.SOCKET,
                new InMemoryBackend(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO)),
                ConfigReader.read(settings));
    }

    /** An upload that sent its metadata and half a file, and then nothing: still open. */
    private static CompletableFuture<Status> halfAnUpload(TestServer server) {
        var end = new CompletableFuture<Status>();
        StreamObserver<UploadDocumentRequest> requests = server.documentsAsync()
                .withDeadlineAfter(60, TimeUnit.SECONDS).uploadDocument(new StreamObserver<>() {
                    @Override
                    public void onNext(UploadDocumentResponse value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        end.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        end.complete(Status.OK);
                    }
                });
        byte[] png = TestFiles.png(64 * 1024);
        requests.onNext(UploadDocumentRequest.newBuilder()
                .setMetadata(Calls.passportOf(Calls.customerAwaitingDocuments(server))).build());
        requests.onNext(UploadDocumentRequest.newBuilder()
                .setChunk(ByteString.copyFrom(Arrays.copyOf(png, png.length / 2))).build());
        return end;
    }

    private static double uploadsInProgress(TestServer server) {
        return server.server().registry().get("docverify.uploads.in.progress").gauge().value();
    }

    @Test
    void anUploadCutOffByTheGraceIsUnavailableAndTheLogSaysTheServerEndedIt() throws Exception {
        try (TestServer server = server("1s"); CapturedLogs logs = CapturedLogs.atInfo()) {
            CompletableFuture<Status> upload = halfAnUpload(server);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> uploadsInProgress(server) == 1);

            server.server().stop();

            Status status = upload.get(10, TimeUnit.SECONDS);
            assertThat(status.getCode()).as(status.toString()).isEqualTo(Status.Code.UNAVAILABLE);
            String log = logs.text();
            assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage)
                    .contains("upload ended by the server's shutdown")
                    .doesNotContain("upload cancelled by the client");
            assertThat(log).contains("event=\"upload.shutdown\"");
        }
    }

    @Test
    void aNewCallOnAnOpenConnectionAfterTheShutdownBeganIsRefusedWithUnavailable() throws Exception {
        try (TestServer server = server("20s"); RawHttp2 raw = RawHttp2.connect(server.server().port())) {
            Map<String, String> auth = Map.of("authorization", "Bearer " + TestServer.KEY);
            byte[] get = GetDocumentRequest.newBuilder().setDocumentId("unknown").build().toByteArray();
            String method = DocumentServiceGrpc.getGetDocumentMethod().getFullMethodName();
            raw.headers(1, RawHttp2.with(RawHttp2.grpcRequest(method), auth), false);
            raw.message(1, get, true);
            assertThat(raw.awaitEnd(1, Duration.ofSeconds(10)).grpcStatus()).contains(Status.Code.NOT_FOUND.value());
            CompletableFuture<Status> upload = halfAnUpload(server); // keeps the shutdown waiting for its grace
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> uploadsInProgress(server) == 1);

            var stopping = CompletableFuture.runAsync(() -> server.server().stop());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(raw.goAway()::isDone);
            // A client that has not read the GOAWAY yet (this one ignores it) opens a new stream.
            raw.headers(3, RawHttp2.with(RawHttp2.grpcRequest(method), auth), false);
            raw.message(3, get, true);
            RawHttp2.End end = raw.awaitEnd(3, Duration.ofSeconds(10));

            assertThat(end.grpcStatus()).as(end.toString()).contains(Status.Code.UNAVAILABLE.value());
            assertThat(upload).as("the half upload must still be open; it ended with %s", upload.getNow(null))
                    .isNotDone();
            upload.cancel(true);
            stopping.cancel(true);
        }
    }
}
