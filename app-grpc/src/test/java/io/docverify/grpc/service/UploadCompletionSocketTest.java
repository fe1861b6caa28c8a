package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class UploadCompletionSocketTest extends UploadCompletionBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.SOCKET;
    }

    /** Netty's flow-control window and the client's buffer (UploadStreamingSocketTest measured 2 to 3 MiB). */
    @Override
    long clientHeadroomBytes() {
        return 6L * MIB;
    }
}
