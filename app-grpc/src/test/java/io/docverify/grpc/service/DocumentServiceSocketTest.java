package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class DocumentServiceSocketTest extends DocumentServiceBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.SOCKET;
    }
}
