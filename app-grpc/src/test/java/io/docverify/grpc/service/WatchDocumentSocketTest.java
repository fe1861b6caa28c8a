package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class WatchDocumentSocketTest extends WatchDocumentBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.SOCKET;
    }
}
