package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.chunkMessage;
import static io.docverify.grpc.Calls.metadataMessage;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.Calls;
import io.docverify.grpc.InstrumentedBackend;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An upload that stalls is ended by the server's time limit and leaves nothing behind. */
class UploadTimeoutTest {

    @Test
    void aStalledUploadFailsWithRequestTimeoutStoresNothingAndFreesItsIdempotencyKey() throws Exception {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_UPLOAD_TIMEOUT", "300ms");
        var backend = new InstrumentedBackend();
        try (TestServer server = TestServer.start(TestServer.Kind.IN_PROCESS, backend, ConfigReader.read(settings))) {
            String customer = Calls.customerAwaitingDocuments(server);
            UploadMetadata metadata = passportOf(customer).toBuilder().setIdempotencyKey("stalled-upload").build();

            var stalled = Calls.open(server.documentsAsync())
                    .send(metadataMessage(metadata))
                    .send(chunkMessage(TestFiles.png()));

            assertError(stalled.failure(), Status.Code.DEADLINE_EXCEEDED, "RequestTimeout");
            assertThat(backend.endings.poll(5, TimeUnit.SECONDS)).isEqualTo("error");
            assertThat(server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer)
                    .build()).getTotal()).isZero();
            assertThat(Calls.upload(server, metadata, TestFiles.png()).getCustomerId()).isEqualTo(customer);
        }
    }

    @Test
    void anUploadThatSendsFinishButNeverEndsItsStreamIsTimedOutAndStoresNothing() throws Exception {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_UPLOAD_TIMEOUT", "300ms");
        var backend = new InstrumentedBackend();
        try (TestServer server = TestServer.start(TestServer.Kind.IN_PROCESS, backend, ConfigReader.read(settings))) {
            String customer = Calls.customerAwaitingDocuments(server);
            UploadMetadata metadata = passportOf(customer).toBuilder().setIdempotencyKey("finished-not-ended").build();
            byte[] png = TestFiles.png();

            var open = Calls.open(server.documentsAsync())
                    .send(metadataMessage(metadata))
                    .send(chunkMessage(png))
                    .send(Calls.finishMessage(png.length));

            assertError(open.failure(), Status.Code.DEADLINE_EXCEEDED, "RequestTimeout");
            assertThat(backend.endings.poll(5, TimeUnit.SECONDS)).as("the content never completed").isEqualTo("error");
            assertThat(server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer)
                    .build()).getTotal()).isZero();
            assertThat(Calls.upload(server, metadata, png).getCustomerId()).isEqualTo(customer);
        }
    }
}
