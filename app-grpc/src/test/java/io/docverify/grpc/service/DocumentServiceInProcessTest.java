package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class DocumentServiceInProcessTest extends DocumentServiceBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.IN_PROCESS;
    }
}
