package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class UploadCompletionInProcessTest extends UploadCompletionBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.IN_PROCESS;
    }

    /** The in-process transport lets a client run ahead only by what the server requested. */
    @Override
    long clientHeadroomBytes() {
        return 2L * MIB;
    }
}
