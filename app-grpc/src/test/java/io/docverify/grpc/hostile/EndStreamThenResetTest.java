package io.docverify.grpc.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.testing.RawHttp2;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.ports.contract.TestFiles;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What Node's HTTP/2 layer does when a grpc-js call is cancelled mid-upload, put on the wire on purpose: the
 * metadata and part of a file as gRPC-framed DATA, then an empty DATA frame with END_STREAM and RST_STREAM(CANCEL)
 * in one write. The half-close is not a promise that the file is whole: nothing is stored, and the idempotency key
 * is free for the correct retry, which creates exactly one document. (Before uploads ended with {@code finish},
 * the service took the half-close as "complete" and stored the cut file.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndStreamThenResetTest {
    private static final String UPLOAD = DocumentServiceGrpc.getUploadDocumentMethod().getFullMethodName();

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Kind.SOCKET);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void endStreamAndResetInOnePacketStoreNothingAndLeaveTheKeyFree() throws Exception {
        record Try(String customer, UploadMetadata metadata, byte[] file) {
        }
        var tries = new ArrayList<Try>();
        // The pause lets the service read the chunks before the ending arrives (how the defect was seen), or not.
        for (int pauseMillis : List.of(0, 0, 5, 5, 20, 20, 50, 50, 100, 100)) {
            String customer = Calls.customerAwaitingDocuments(server);
            UploadMetadata metadata = Calls.passportOf(customer).toBuilder()
                    .setIdempotencyKey("end-then-reset-" + UUID.randomUUID()).build();
            byte[] file = LeakMarker.mark(TestFiles.png(48 * 1024));
            tries.add(new Try(customer, metadata, file));
            try (var connection = RawHttp2.connect(server.server().port())) {
                int stream = connection.newStream();
                // Part of the file: under HTTP/2's initial 64 KiB window, so no WINDOW_UPDATE is needed.
                connection.frames()
                        .headers(stream, RawHttp2.with(RawHttp2.grpcRequest(UPLOAD),
                                Map.of("authorization", "Bearer " + TestServer.KEY)), false)
                        .data(stream, RawHttp2.grpcMessage(RawUpload.metadata(metadata)), false)
                        .data(stream, RawHttp2.grpcMessage(RawUpload.chunk(file, 0, 40 * 1024)), false)
                        .send();
                Thread.sleep(pauseMillis);
                try {
                    connection.frames().data(stream, new byte[0], true).reset(stream, Http2Error.CANCEL).send();
                } catch (java.io.UncheckedIOException e) {
                    throw new AssertionError("after a " + pauseMillis + " ms pause: " + connection.goAway().getNow(null), e);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> inProgress() == 0);
            }
        }

        for (Try t : tries) {
            assertThat(documentsOf(t.customer())).as("documents stored from a cut, reset upload").isEmpty();
        }
        for (Try t : tries) {
            Document retried = Calls.upload(server, t.metadata(), t.file());
            assertThat(documentsOf(t.customer())).as("after the retry under the same key")
                    .extracting(Document::getId).containsExactly(retried.getId());
            assertThat(Calls.upload(server, t.metadata(), t.file()).getId()).as("a replay of the retry")
                    .isEqualTo(retried.getId());
        }
    }

    private double inProgress() {
        return server.server().registry().get("docverify.uploads.in.progress").gauge().value();
    }

    private List<Document> documentsOf(String customer) {
        return server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer).build())
                .getDocumentsList();
    }
}
