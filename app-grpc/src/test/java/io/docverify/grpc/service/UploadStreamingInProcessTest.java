package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class UploadStreamingInProcessTest extends UploadStreamingBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.IN_PROCESS;
    }
}
