package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.chunkMessage;
import static io.docverify.grpc.Calls.metadataMessage;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

class UploadStreamingSocketTest extends UploadStreamingBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.SOCKET;
    }

    @Test
    void aMessageFarBeyondOneMiBIsRefusedByTheTransportBeforeItIsBuffered() {
        var upload = Calls.open(server.documentsAsync())
                .send(metadataMessage(passportOf(customer)))
                .send(chunkMessage(TestFiles.png(2 * MIB)));

        assertThat(Status.fromThrowable(upload.failure()).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(backend.chunksSeen).hasValue(0);
    }
}
