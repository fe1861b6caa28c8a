package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class UploadCompletionSocketTest extends UploadCompletionBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.SOCKET;
    }
}
