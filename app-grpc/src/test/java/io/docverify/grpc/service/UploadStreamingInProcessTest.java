package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class UploadStreamingInProcessTest extends UploadStreamingBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.IN_PROCESS;
    }

    /** Bounded by the in-process transport lets a client run ahead only by what the server requested (measured: 1 MiB). */
    @Override
    long clientHeadroomBytes() {
        return 2L * MIB;
    }
}
