package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class WatchDocumentInProcessTest extends WatchDocumentBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.IN_PROCESS;
    }
}
