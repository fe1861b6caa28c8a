package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class UploadCompletionInProcessTest extends UploadCompletionBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.IN_PROCESS;
    }
}
